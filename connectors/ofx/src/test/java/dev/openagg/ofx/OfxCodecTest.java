package dev.openagg.ofx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OfxCodecTest {

    private static final String SGML_REPLY = """
            OFXHEADER:100
            DATA:OFXSGML
            VERSION:102
            SECURITY:NONE
            ENCODING:USASCII
            CHARSET:1252
            COMPRESSION:NONE
            OLDFILEUID:NONE
            NEWFILEUID:NONE

            <OFX>
            <SIGNONMSGSRSV1>
            <SONRS>
            <STATUS>
            <CODE>0
            <SEVERITY>INFO
            <MESSAGE>Success &amp; welcome
            </STATUS>
            <DTSERVER>20240115120000.000[-5:EST]
            <LANGUAGE>ENG
            <FI><ORG>FIRSTBANK<FID>1234</FI>
            <INTU.BID>00000
            </SONRS>
            </SIGNONMSGSRSV1>
            <BANKMSGSRSV1>
            <STMTTRNRS>
            <TRNUID>1
            <STATUS><CODE>0<SEVERITY>INFO</STATUS>
            <STMTRS>
            <CURDEF>USD
            <BANKACCTFROM><BANKID>123456780<ACCTID>1001<ACCTTYPE>CHECKING</BANKACCTFROM>
            <BANKTRANLIST>
            <DTSTART>20231017
            <DTEND>20240115
            <STMTTRN>
              <TRNTYPE>DEBIT
              <DTPOSTED>20240110
              <TRNAMT>-42.10
              <FITID>T1
              <NAME>Grocer
            </STMTTRN>
            <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20240112<TRNAMT>1000.00<FITID>T2<NAME>Payroll</STMTTRN>
            </BANKTRANLIST>
            <LEDGERBAL><BALAMT>1234.56<DTASOF>20240115</LEDGERBAL>
            </STMTRS>
            </STMTTRNRS>
            </BANKMSGSRSV1>
            </OFX>
            """;

    private static final String XML_REPLY = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
            <!-- a comment some servers add -->
            <OFX>
              <SIGNONMSGSRSV1>
                <SONRS>
                  <STATUS><CODE>3000</CODE><SEVERITY>ERROR</SEVERITY></STATUS>
                  <DTSERVER>20240115120000</DTSERVER>
                  <LANGUAGE>ENG</LANGUAGE>
                </SONRS>
                <MFACHALLENGETRNRS>
                  <TRNUID>2</TRNUID>
                  <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
                  <MFACHALLENGERS>
                    <MFACHALLENGE><MFAPHRASEID>MFA13</MFAPHRASEID><MFAPHRASELABEL>City of birth?</MFAPHRASELABEL></MFACHALLENGE>
                    <MFACHALLENGE><MFAPHRASEID>MFA16</MFAPHRASEID><MFAPHRASELABEL>First pet's name?</MFAPHRASELABEL></MFACHALLENGE>
                    <EMPTY/>
                  </MFACHALLENGERS>
                </MFACHALLENGETRNRS>
              </SIGNONMSGSRSV1>
            </OFX>
            """;

    @Test
    void sgml_without_end_tags_is_read_into_aggregates_and_leaves() {
        OfxElement ofx = OfxParser.parse(SGML_REPLY);

        OfxElement sonrs = ofx.at("SIGNONMSGSRSV1", "SONRS").orElseThrow();
        assertThat(sonrs.at("STATUS").flatMap(s -> s.text("CODE"))).contains("0");
        assertThat(sonrs.at("STATUS").flatMap(s -> s.text("MESSAGE"))).contains("Success & welcome");
        assertThat(sonrs.at("FI").flatMap(f -> f.text("FID"))).contains("1234");
        assertThat(sonrs.text("INTU.BID")).contains("00000");
        OfxElement stmtrs = ofx.first("STMTRS").orElseThrow();
        assertThat(stmtrs.all("STMTTRN")).extracting(t -> t.text("FITID").orElseThrow()).containsExactly("T1", "T2");
        assertThat(stmtrs.all("STMTTRN").get(0).text("TRNAMT")).contains("-42.10");
        assertThat(stmtrs.at("LEDGERBAL").flatMap(b -> b.text("BALAMT"))).contains("1234.56");
        assertThat(stmtrs.at("BANKACCTFROM").flatMap(b -> b.text("ACCTTYPE"))).contains("CHECKING");
    }

    @Test
    void xml_with_comments_instructions_and_unknown_elements_is_read() {
        OfxElement ofx = OfxParser.parse(XML_REPLY);

        assertThat(ofx.first("SONRS").flatMap(s -> s.child("STATUS")).flatMap(s -> s.text("CODE"))).contains("3000");
        assertThat(ofx.all("MFACHALLENGE")).extracting(c -> c.text("MFAPHRASELABEL").orElseThrow())
                .containsExactly("City of birth?", "First pet's name?");
        assertThat(ofx.first("EMPTY")).isPresent();
    }

    @Test
    void a_request_written_in_either_family_reads_back_the_same() {
        OfxElement request = OfxElement.aggregate("OFX", OfxElement.aggregate("SIGNONMSGSRQV1",
                OfxElement.aggregate("SONRQ", OfxElement.leaf("USERID", "jo<e>&co"), OfxElement.leaf("APPID", "QWIN"))));

        for (String version : new String[] {"102", "220"}) {
            String written = OfxWriter.write(new OfxVersion(version), "abc", request);
            assertThat(OfxParser.parse(written)).isEqualTo(request);
        }
        assertThat(OfxWriter.write(new OfxVersion("102"), "abc", request))
                .startsWith("OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102")
                .contains("<USERID>jo&lt;e&gt;&amp;co\r\n<APPID>");
        assertThat(OfxWriter.write(new OfxVersion("220"), "abc", request))
                .contains("<?OFX OFXHEADER=\"200\" VERSION=\"220\"")
                .contains("<USERID>jo&lt;e&gt;&amp;co</USERID>");
    }

    @Test
    void a_reply_that_is_not_ofx_is_unreadable() {
        assertThatThrownBy(() -> OfxParser.parse("<html><body>Service unavailable</body></html>"))
                .isInstanceOf(OfxParser.Unreadable.class);
        assertThatThrownBy(() -> OfxParser.parse("<OFX><SIGNONMSGSRSV1")).isInstanceOf(OfxParser.Unreadable.class);
    }

    @Test
    void secrets_are_redacted_in_both_families() {
        String sgml = "<USERID>joe\r\n<USERPASS>hunter2\r\n<ACCESSKEY>k-123\r\n<MFAPHRASEA>Paris\r\n";
        String xml = "<USERPASS>hunter2</USERPASS><ACCESSTOKEN>t-9</ACCESSTOKEN><USERKEY>uk</USERKEY>";

        assertThat(Redaction.redact(sgml)).contains("<USERID>joe").doesNotContain("hunter2", "k-123", "Paris")
                .contains("<USERPASS>***");
        assertThat(Redaction.redact(xml)).doesNotContain("hunter2", "t-9", ">uk<")
                .contains("<USERPASS>***</USERPASS>");
    }
}

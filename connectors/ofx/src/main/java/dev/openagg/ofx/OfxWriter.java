package dev.openagg.ofx;

/**
 * Writes a request in the family of its version: SGML with the 1.x header and leaves left unclosed (as 1.x servers
 * expect), or XML with the 2.x processing instruction. Values are escaped either way.
 */
final class OfxWriter {
    private OfxWriter() {
    }

    static String write(OfxVersion version, String newFileUid, OfxElement ofx) {
        StringBuilder out = new StringBuilder();
        if (version.isXml()) {
            out.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\r\n")
                    .append("<?OFX OFXHEADER=\"200\" VERSION=\"").append(version.number())
                    .append("\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\" NEWFILEUID=\"").append(newFileUid)
                    .append("\"?>\r\n");
        } else {
            out.append("OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:").append(version.number())
                    .append("\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\nCOMPRESSION:NONE\r\n")
                    .append("OLDFILEUID:NONE\r\nNEWFILEUID:").append(newFileUid).append("\r\n\r\n");
        }
        element(out, ofx, version.isXml());
        return out.toString();
    }

    private static void element(StringBuilder out, OfxElement e, boolean xml) {
        out.append('<').append(e.name()).append('>');
        if (e.isLeaf()) {
            out.append(escape(e.value()));
            if (xml) {
                out.append("</").append(e.name()).append('>');
            }
            out.append("\r\n");
            return;
        }
        out.append("\r\n");
        for (OfxElement child : e.children()) {
            element(out, child, xml);
        }
        out.append("</").append(e.name()).append(">\r\n");
    }

    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

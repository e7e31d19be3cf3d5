package dev.openagg.ofx;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

/** OFX's value formats: amounts with either decimal mark, dates that begin with YYYYMMDD. */
final class Values {
    /** The longest source id OpenAgg stores. */
    private static final int SOURCE_ID_LIMIT = 128;

    private Values() {
    }

    /** An amount at scale 2; OFX allows a comma as the decimal mark and a leading plus. */
    static Optional<BigDecimal> amount(OfxElement parent, String child) {
        return parent.text(child).map(Values::amount);
    }

    static BigDecimal amount(String text) {
        String normalised = text.trim().replace(',', '.');
        if (normalised.startsWith("+")) {
            normalised = normalised.substring(1);
        }
        try {
            return new BigDecimal(normalised).setScale(2, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            throw new OfxClient.Unreachable("The institution sent an amount that is not a number.", e);
        }
    }

    /** The date of an OFX date-time ({@code 20240115}, {@code 20240115120000.000[-5:EST]}). */
    static Optional<LocalDate> date(OfxElement parent, String child) {
        return parent.text(child).map(Values::date);
    }

    static LocalDate date(String text) {
        if (text.length() < 8) {
            throw new OfxClient.Unreachable("The institution sent a date that cannot be read.", null);
        }
        try {
            return LocalDate.parse(text.substring(0, 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new OfxClient.Unreachable("The institution sent a date that cannot be read.", e);
        }
    }

    /** {@code id} when short enough to store, else a digest of it (FITIDs may be 255 characters long). */
    static String sourceId(String id) {
        if (id.length() <= SOURCE_ID_LIMIT) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** An account or tax id with all but its last four characters hidden. */
    static String masked(String number) {
        if (number == null || number.length() <= 4) {
            return number;
        }
        return "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }
}

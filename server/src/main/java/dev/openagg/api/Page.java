package dev.openagg.api;

import java.util.List;

/**
 * A requested page of a list, following MX: {@code page} from 1, {@code records_per_page} 10 to 100 with 25
 * used for anything outside that range.
 */
public record Page(int number, int size) {
    public static final int DEFAULT_SIZE = 25;

    public static Page of(String page, String recordsPerPage) {
        int number = page == null || page.isBlank() ? 1 : whole("page", page);
        int size = recordsPerPage == null || recordsPerPage.isBlank() ? DEFAULT_SIZE : whole("records_per_page", recordsPerPage);
        if (size < 10 || size > 100) {
            size = DEFAULT_SIZE;
        }
        number = Math.max(number, 1);
        if ((long) (number - 1) * size > Integer.MAX_VALUE) {
            throw ApiError.badRequest("page must be at most " + (Integer.MAX_VALUE / size + 1)
                    + " with records_per_page " + size);
        }
        return new Page(number, size);
    }

    /** Rows before this page; {@link #of} refuses pages whose offset would not fit. */
    public int offset() {
        return (number - 1) * size;
    }

    /** The {@code pagination} object for a list of {@code total} entries. */
    public Pagination pagination(long total) {
        int pages = (int) ((total + size - 1) / size);
        return new Pagination(number, size, (int) total, pages);
    }

    /** This page of a list held in memory. */
    public <T> List<T> slice(List<T> all) {
        int from = Math.min(offset(), all.size());
        return all.subList(from, Math.min(from + size, all.size()));
    }

    public <T> Listing<T> listing(List<T> items, long total) {
        return new Listing<>(items, this, total);
    }

    private static int whole(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a whole number");
        }
    }

    /** The wire form of MX's {@code pagination} object. */
    public record Pagination(int currentPage, int perPage, int totalEntries, int totalPages) {
    }

    /** One page of results and the total they were cut from. */
    public record Listing<T>(List<T> items, Page page, long total) {
    }
}

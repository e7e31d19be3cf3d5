package dev.openagg.document;

/** The two kinds of document a member's institution issues, each with its own endpoints and wire form. */
enum DocumentKind {
    TAX("tax_documents", "tax_document", "TAX"),
    STATEMENT("statements", "statement", "STA");

    final String path;
    final String root;
    final String guidPrefix;

    DocumentKind(String path, String root, String guidPrefix) {
        this.path = path;
        this.root = root;
        this.guidPrefix = guidPrefix;
    }
}

package dev.openagg.document;

import dev.openagg.api.ApiError;
import dev.openagg.api.Http;
import dev.openagg.api.Page;
import dev.openagg.api.Wire;
import dev.openagg.member.Member;
import dev.openagg.member.MemberRoutes;
import dev.openagg.member.MemberStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A member's tax documents and statements: list, read, and download the PDF at the record's {@code uri}
 * ({@code .../tax_documents/TAX-....pdf}).
 */
public final class DocumentRoutes implements Http.Routes {
    private final Jdbi jdbi;
    private final MemberStore members;

    public DocumentRoutes(Jdbi jdbi, MemberStore members) {
        this.jdbi = jdbi;
        this.members = members;
    }

    @Override
    public void register(RoutesConfig routes) {
        for (DocumentKind kind : DocumentKind.values()) {
            // Guid only, in both versions: v20250224 keeps {member_guid} on statements; tax documents are OpenAgg's.
            String base = "/users/{user_guid}/members/{member_guid}/" + kind.path;
            routes.get(base, ctx -> list(ctx, kind));
            // One route serves both forms: Javalin's path parameter takes "TAX-....pdf" whole.
            routes.get(base + "/{document_guid}", ctx -> {
                String guid = ctx.pathParam("document_guid");
                if (guid.endsWith(".pdf")) {
                    pdf(ctx, kind, guid.substring(0, guid.length() - 4));
                } else {
                    Http.json(ctx, 200, Map.of(kind.root, DocumentJson.wire(kind, find(ctx, kind, guid))));
                }
            });
        }
    }

    private void list(Context ctx, DocumentKind kind) {
        Member member = MemberRoutes.find(ctx, members);
        Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
        List<Document> all = jdbi.withHandle(h -> h.createQuery(Document.SELECT
                        + " WHERE d.member_guid = :m AND d.kind = :k ORDER BY d.seq LIMIT :limit OFFSET :offset")
                .bind("m", member.guid()).bind("k", kind.name())
                .bind("limit", page.size()).bind("offset", page.offset())
                .map((rs, c) -> Document.map(rs)).list());
        long total = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM document WHERE member_guid = :m AND kind = :k")
                .bind("m", member.guid()).bind("k", kind.name()).mapTo(Long.class).one());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(kind.path, all.stream().map(d -> DocumentJson.wire(kind, d)).toList());
        body.put("pagination", page.pagination(total));
        Http.json(ctx, 200, body);
    }

    private Document find(Context ctx, DocumentKind kind, String guid) {
        Member member = MemberRoutes.find(ctx, members);
        return jdbi.withHandle(h -> h.createQuery(Document.SELECT + " WHERE d.guid = :g AND d.member_guid = :m AND d.kind = :k")
                        .bind("g", guid).bind("m", member.guid()).bind("k", kind.name())
                        .map((rs, c) -> Document.map(rs)).findOne())
                .orElseThrow(() -> ApiError.notFound(kind.root.replace('_', ' ')));
    }

    private void pdf(Context ctx, DocumentKind kind, String guid) {
        Document document = find(ctx, kind, guid);
        byte[] pdf = jdbi.withHandle(h -> h.createQuery("SELECT pdf FROM document WHERE guid = :g")
                .bind("g", document.guid()).mapTo(byte[].class).one());
        ctx.status(200)
                .contentType(Wire.PDF_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + document.fileName() + "\"")
                .result(pdf);
    }
}

package dev.openagg.document;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A rendered PDF read back: its page count, its text as a reader extracts it, and the places where its layout
 * collides. A collision is two pieces of text overlapping, or a stroked line running through text.
 */
record Rendered(int pages, String text, List<String> collisions) {
    private static final float SLACK = 0.5f;

    static Rendered read(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> collisions = new ArrayList<>();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                List<Area> texts = new Runs(page).of(document);
                Rules rules = new Rules(document.getPage(page - 1));
                for (int i = 0; i < texts.size(); i++) {
                    for (Area other : texts.subList(i + 1, texts.size())) {
                        if (texts.get(i).overlaps(other)) {
                            collisions.add("page " + page + ": '" + texts.get(i).text() + "' overlaps '" + other.text() + "'");
                        }
                    }
                    for (Area rule : rules.stroked) {
                        if (texts.get(i).overlaps(rule)) {
                            collisions.add("page " + page + ": a line crosses '" + texts.get(i).text() + "'");
                        }
                    }
                }
            }
            return new Rendered(document.getNumberOfPages(), new PDFTextStripper().getText(document), collisions);
        }
    }

    /** A rectangle in points from the page's top-left corner; a line is one with no width or no height. */
    record Area(String text, float left, float top, float right, float bottom) {
        boolean overlaps(Area o) {
            return left < o.right - SLACK && o.left < right - SLACK && top < o.bottom - SLACK && o.top < bottom - SLACK;
        }
    }

    /** Each text-showing operation on one page as the area its glyphs cover, from cap height to baseline. */
    private static final class Runs extends PDFTextStripper {
        private final List<List<TextPosition>> runs = new ArrayList<>();

        Runs(int page) throws IOException {
            setStartPage(page);
            setEndPage(page);
        }

        List<Area> of(PDDocument document) throws IOException {
            getText(document);
            return runs.stream().filter(run -> !run.isEmpty()).map(run -> {
                TextPosition first = run.get(0);
                TextPosition last = run.get(run.size() - 1);
                float height = (float) run.stream().mapToDouble(TextPosition::getHeightDir).max().orElse(0);
                String text = run.stream().map(TextPosition::getUnicode).reduce("", String::concat);
                return new Area(text, first.getXDirAdj(), first.getYDirAdj() - height,
                        last.getXDirAdj() + last.getWidthDirAdj(), first.getYDirAdj());
            }).toList();
        }

        @Override
        public void showTextString(byte[] string) throws IOException {
            runs.add(new ArrayList<>());
            super.showTextString(string);
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            runs.get(runs.size() - 1).add(text);
            super.processTextPosition(text);
        }
    }

    /** The segments of every stroked path on one page; filled shapes are background, not rules. */
    private static final class Rules extends PDFGraphicsStreamEngine {
        private final float height;
        private final List<Area> path = new ArrayList<>();
        private final List<Area> stroked = new ArrayList<>();
        private Point2D current = new Point2D.Float();

        Rules(PDPage page) throws IOException {
            super(page);
            height = page.getMediaBox().getHeight();
            processPage(page);
        }

        private void segment(Point2D from, Point2D to) {
            path.add(new Area("", (float) Math.min(from.getX(), to.getX()), height - (float) Math.max(from.getY(), to.getY()),
                    (float) Math.max(from.getX(), to.getX()), height - (float) Math.min(from.getY(), to.getY())));
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            segment(p0, p1);
            segment(p1, p2);
            segment(p2, p3);
            segment(p3, p0);
        }

        @Override
        public void moveTo(float x, float y) {
            current = new Point2D.Float(x, y);
        }

        @Override
        public void lineTo(float x, float y) {
            Point2D next = new Point2D.Float(x, y);
            segment(current, next);
            current = next;
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            lineTo(x3, y3);
        }

        @Override
        public Point2D getCurrentPoint() {
            return current;
        }

        @Override
        public void strokePath() {
            stroked.addAll(path);
            path.clear();
        }

        @Override
        public void fillAndStrokePath(int windingRule) {
            strokePath();
        }

        @Override
        public void fillPath(int windingRule) {
            path.clear();
        }

        @Override
        public void endPath() {
            path.clear();
        }

        @Override
        public void closePath() {
        }

        @Override
        public void clip(int windingRule) {
        }

        @Override
        public void drawImage(PDImage pdImage) {
        }

        @Override
        public void shadingFill(COSName shadingName) {
        }
    }
}

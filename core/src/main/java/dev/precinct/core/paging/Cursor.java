package dev.precinct.core.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page cursors: the sort key of the last item of a page, base64url-encoded. Pages are keyset pages — the
 * next page starts strictly after that key — so rows written while a client pages neither repeat nor push other
 * rows out of its way.
 */
public final class Cursor {
    private static final char SEPARATOR = '\n';

    private Cursor() {
    }

    public static String encode(String... keyParts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), keyParts).getBytes(StandardCharsets.UTF_8));
    }

    /** The key parts of {@code cursor}; throws {@link IllegalArgumentException} for a cursor not of {@code parts}. */
    public static List<String> decode(String cursor, int parts) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor of this list", e);
        }
        var split = List.of(text.split(String.valueOf(SEPARATOR), -1));
        if (split.size() != parts) throw new IllegalArgumentException("not a cursor of this list");
        return split;
    }
}

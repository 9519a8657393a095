package org.medcrypt.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import org.medcrypt.agility.AuditMarkdown;

/**
 * What every command prints, to stdout and stderr, goes through here: control characters other
 * than line feed and tab (C0 with carriage return and ESC, DEL, C1 with CSI) and the bidirectional
 * controls are written as {@code \\uXXXX}. A dataset's ids and decrypted fields are the store's or
 * another party's text, and a terminal acts on those characters (escape sequences, a line
 * overwritten after a carriage return, text shown reordered). In JSON output such a character can
 * only be inside a string, where {@code \\uXXXX} is the same character to a JSON reader.
 */
final class PrintableWriter extends FilterWriter {

    PrintableWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        if (escaped(ch)) {
            out.write(String.format(java.util.Locale.ROOT, "\\u%04X", (int) ch));
        } else {
            out.write(ch);
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        write(new String(buffer, offset, length), 0, length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        int end = offset + length;
        int clean = offset;
        for (int i = offset; i < end; i++) {
            char ch = text.charAt(i);
            if (escaped(ch) && !(ch == '\r' && i + 1 < end && text.charAt(i + 1) == '\n')) { // CR LF: a line end
                out.write(text, clean, i - clean);
                out.write(String.format(java.util.Locale.ROOT, "\\u%04X", (int) ch));
                clean = i + 1;
            }
        }
        out.write(text, clean, end - clean);
    }

    /** The audit's definition of a control character ({@link AuditMarkdown#printable}), line feed and tab aside. */
    static boolean escaped(char ch) {
        if (ch >= 0x20 && ch < 0x7f || ch == '\n' || ch == '\t') {
            return false;
        }
        return AuditMarkdown.printable(String.valueOf(ch)).length() != 1;
    }
}

package io.glimpse.inspect;

/**
 * Counts occurrences of a byte pattern in a stream fed one byte at a time (Knuth-Morris-Pratt),
 * so a marker is found even when it straddles chunks or sits in a line too long to buffer.
 */
final class SubstringCounter {

    private final byte[] pattern;
    private final int[] fallback;
    private int matched;
    private int count;

    SubstringCounter(String pattern) {
        this.pattern = ByteFields.ascii(pattern);
        this.fallback = new int[this.pattern.length];
        for (int i = 1, k = 0; i < this.pattern.length; i++) {
            while (k > 0 && this.pattern[i] != this.pattern[k]) {
                k = fallback[k - 1];
            }
            if (this.pattern[i] == this.pattern[k]) {
                k++;
            }
            fallback[i] = k;
        }
    }

    void feed(byte b) {
        while (matched > 0 && pattern[matched] != b) {
            matched = fallback[matched - 1];
        }
        if (pattern[matched] == b) {
            matched++;
        }
        if (matched == pattern.length) {
            count++;
            matched = fallback[matched - 1];
        }
    }

    int count() {
        return count;
    }
}

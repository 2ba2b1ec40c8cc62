/// "Did you mean …?" for misspelt names.
public enum Suggestion {
    /// What `word` was probably meant to be: its known variants among the candidates
    /// (`licenser` → `licensor`, `UK` → `GB`, `pharma` → `global_pharma`, `local_pharma`),
    /// else the candidate closest by edit distance, if it is close enough to be a likely
    /// typo (at most a third of the word's length, and at least 1).
    public static func suggestions<S: Sequence<String>>(for word: String, in candidates: S) -> [String] {
        let candidates = Array(candidates)
        if let variants = KnownVariants.of(word) {
            let present = variants.filter(candidates.contains)
            if !present.isEmpty { return present }
        }
        return nearest(to: word, in: candidates).map { [$0] } ?? []
    }

    /// The first of `suggestions(for:in:)`.
    public static func nearest<S: Sequence<String>>(to word: String, in candidates: S) -> String? {
        let candidates = Array(candidates)
        if let variant = KnownVariants.of(word)?.first(where: candidates.contains) { return variant }
        return closest(to: word, in: candidates)
    }

    /// The known variants of `word` in `candidates`, such as `GB` for `UK` among country codes.
    public static func knownVariants(of word: String, in candidates: Set<String>) -> [String] {
        KnownVariants.of(word)?.filter(candidates.contains) ?? []
    }

    /// `" (did you mean 'x'?)"`, `" (did you mean 'x' or 'y'?)"`, or an empty string when nothing is close.
    public static func hint<S: Sequence<String>>(for word: String, in candidates: S) -> String {
        phrase(suggestions(for: word, in: candidates))
    }

    /// `" (did you mean 'x' or 'y'?)"` for these words, or an empty string for none.
    public static func phrase(_ words: [String]) -> String {
        words.isEmpty ? "" : " (did you mean " + words.map { "'\($0)'" }.joined(separator: " or ") + "?)"
    }

    /// The candidate closest to `word` by edit distance alone, if close enough.
    static func closest<S: Sequence<String>>(to word: String, in candidates: S) -> String? {
        guard word.utf8.count <= maxWordLength else { return nil }
        let limit = max(1, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(word.lowercased(), candidate.lowercased())
            if d <= limit, d < (best?.1 ?? .max) || (d == best?.1 && candidate < best!.0) {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    /// Words longer than this get no suggestion: nobody misspells them, and the
    /// distance table would grow with the square of their length.
    static let maxWordLength = 64

    /// Levenshtein distance, counting a swap of two neighbours as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
        }
        return rows[a.count][b.count]
    }
}

/// When the lexicon does not decide: share-button labels of web pages, names that are also common English
/// words (`arm`, `time`, `cursor`), names written before `licence` (the
/// licence, not the organisation), and model families named like their maker
/// (`Mistral` the company versus the model). Context beats the lexicon.
enum LexiconContexts {
    /// Lexicon keys that are also ordinary English words: they match only when
    /// written in one of the lexicon's own spellings (`Arm`, `ARM`; not the
    /// `investment arm`; `TIME`, not `buying time`).
    static let commonWords: Set<String> = ["arm", "time", "apple", "oracle", "cursor", "cognition", "meta", "windsurf",
                                           "slack", "wired", "snowflake", "perplexity", "bard", "whisper", "falcon",
                                           "copilot", "replit", "uber", "information", "verge", "neon", "stripe",
                                           "accel", "figure", "character", "scale", "phi", "gemini", "claude", "grok"]
    /// Words after a name that make it the name of a licence (`Apache licence`, `MIT-licensed`).
    static let licence = LatinContexts.words(" license| licence|-licensed| licensed| 2.0 license| 2.0 licence")

    /// Whether the lexicon match `i..<end` of `entry` stands: exact spelling
    /// for common words, no licence after it.
    /// Share buttons of web pages (`分享到微信`, `Share on X`): the name after them
    /// is a button label, not a mention.
    static let shareButtons = WordList(["分享到", "分享至", "分享到：", "分享至：", "share on ", "share to ", "Share on ", "Share to "])

    static func accepts(_ nt: NormalizedText, _ i: Int, _ end: Int, _ entry: LexiconEntry) -> Bool {
        if i >= 2 && (nt.text[i - 1] == 0x5230 || nt.text[i - 1] == 0x81F3 || nt.text[i - 1] == 0x20 || nt.text[i - 1] == 0xFF1A)
            && shareButtons.suffix(nt.text, before: i) > 0 { return false } // 到, 至, space, ：
        guard isLatinLetter(nt.text[i]) else { return true }
        if LatinContexts.startsWith(nt.lower, at: end, licence) { return false }
        let lowerSurface = stringOf(nt.lower[i..<end])
        guard commonWords.contains(lowerSurface) else { return true }
        let surface = stringOf(nt.text[i..<end])
        return ([entry.name] + entry.aliases).contains(surface)
    }

    /// A bare model family named like its maker (`Mistral` / `Mistral AI`) in an
    /// organisation's context (`Mistral raised`, `led by Mistral`): the maker.
    static func makerInstead(_ nt: NormalizedText, _ i: Int, _ end: Int, _ entry: LexiconEntry) -> String? {
        guard entry.type == .model, let maker = entry.maker, maker.hasPrefix(entry.name), maker != entry.name else { return nil }
        return LatinContexts.orgCue(nt, i, end) ? maker : nil
    }
}

/// Recognises AI model names shaped as family + version / tier / size:
/// GPT-4o, Claude 3.5 Sonnet, Sonnet 3.5, 3.5 Sonnet, Qwen2.5-Max, DeepSeek-V3,
/// Grok 3, Llama 3.1 405B, o1-mini. Claude variants are folded to one
/// canonical spelling so "Sonnet 3.5" and "Claude 3.5 Sonnet" resolve together.
enum ModelNames {
    struct Family {
        var token: String
        var canonical: String
        var maker: String?
    }

    /// Family words (matched case-insensitively at a Latin word start).
    static let families: [String: Family] = {
        let list: [(String, String, String?)] = [
            ("gpt", "GPT", "OpenAI"), ("chatgpt", "ChatGPT", "OpenAI"), ("claude", "Claude", "Anthropic"),
            ("gemini", "Gemini", "Google"), ("gemma", "Gemma", "Google"), ("palm", "PaLM", "Google"),
            ("llama", "Llama", "Meta"), ("qwen", "Qwen", "Alibaba"), ("qwq", "QwQ", "Alibaba"),
            ("deepseek", "DeepSeek", "DeepSeek"), ("grok", "Grok", "xAI"), ("mistral", "Mistral", "Mistral AI"),
            ("mixtral", "Mixtral", "Mistral AI"), ("phi", "Phi", "Microsoft"), ("glm", "GLM", "Zhipu AI"),
            ("chatglm", "ChatGLM", "Zhipu AI"), ("kimi", "Kimi", "Moonshot AI"), ("ernie", "ERNIE", "Baidu"),
            ("doubao", "Doubao", "ByteDance"), ("hunyuan", "Hunyuan", "Tencent"), ("baichuan", "Baichuan", "Baichuan"),
            ("internlm", "InternLM", nil), ("falcon", "Falcon", nil), ("sora", "Sora", "OpenAI"),
            ("dall-e", "DALL-E", "OpenAI"), ("alphago", "AlphaGo", "DeepMind"), ("alphafold", "AlphaFold", "DeepMind"),
            ("minimax", "MiniMax", "MiniMax"), ("yi", "Yi", "01.AI"), ("codex", "Codex", "OpenAI"),
            ("bert", "BERT", "Google"), ("t5", "T5", "Google"), ("midjourney", "Midjourney", "Midjourney"),
        ]
        var d: [String: Family] = [:]
        for (t, c, m) in list { d[t] = Family(token: t, canonical: c, maker: m) }
        return d
    }()

    /// Anthropic's tiers: a version next to one of these is a Claude model.
    static let claudeTiers: Set<String> = ["sonnet", "opus", "haiku"]
    /// The first letters (below U+0250) of the family words, the Claude tiers and `dall`: `scan`
    /// builds no token string for a word starting otherwise.
    static let familyFirst: [Bool] = {
        var t = [Bool](repeating: false, count: 0x250)
        for w in Array(families.keys) + Array(claudeTiers) + ["dall"] {
            if let u = w.unicodeScalars.first, u.value < 0x250 { t[Int(u.value)] = true }
        }
        return t
    }()
    /// The family words, the Claude tiers and `dall` as scalars, grouped by
    /// first letter (below U+0250): `isKnownToken` compares a word with the few
    /// of its letter instead of building a string to hash.
    static let knownTokens: [[[UInt32]]] = {
        var t = [[[UInt32]]](repeating: [], count: 0x250)
        for w in Array(families.keys) + Array(claudeTiers) + ["dall"] {
            let s = w.unicodeScalars.map(\.value)
            if let f = s.first, f < 0x250 { t[Int(f)].append(s) }
        }
        return t
    }()

    /// Whether `lower[i..<w]` is a family word, a Claude tier or `dall`
    /// (the only words `scan` goes on with). Cost: a compare per word of its first letter.
    @inline(__always) static func isKnownToken(_ lower: [UInt32], _ i: Int, _ w: Int) -> Bool {
        let c = lower[i]
        guard c < 0x250 else { return false }
        outer: for k in knownTokens[Int(c)] where k.count == w - i {
            for q in 0..<k.count where lower[i + q] != k[q] { continue outer }
            return true
        }
        return false
    }

    /// Words that extend a model name after its version.
    static let tierWords: [String: String] = [
        "sonnet": "Sonnet", "opus": "Opus", "haiku": "Haiku", "turbo": "Turbo", "pro": "Pro", "max": "Max",
        "mini": "mini", "flash": "Flash", "ultra": "Ultra", "plus": "Plus", "nano": "Nano", "lite": "Lite",
        "zero": "Zero", "instruct": "Instruct", "coder": "Coder", "vision": "Vision", "preview": "preview",
        "omni": "Omni", "fold": "Fold", "medium": "Medium", "large": "Large", "small": "Small",
    ]

    struct Found {
        var end: Int
        var canonical: String
        var maker: String?
    }

    /// Reads a Latin word (letters, digits, `-` inside) starting at i.
    static func word(_ t: [UInt32], _ i: Int) -> Int {
        var j = i
        while j < t.count && isLatinLetter(t[j]) { j += 1 }
        return j
    }

    /// A version token: digits with dots, an optional letter suffix (`4o`), or `V3`/`R1`.
    static func version(_ t: [UInt32], _ i: Int) -> (end: Int, text: String)? {
        let n = t.count
        var j = i
        // `V3`, `R1`, `K2`, `M1`: one capital (or v/r) before the number
        if j < n && (isASCIIUpper(t[j]) || t[j] == 0x76 || t[j] == 0x72) && j + 1 < n && isASCIIDigit(t[j + 1]) {
            j += 1
        }
        guard j < n && isASCIIDigit(t[j]) else { return nil }
        let digitsStart = j
        while j < n && isASCIIDigit(t[j]) { j += 1 }
        if j - digitsStart > 3 { return nil } // a year, not a version
        while j + 1 < n && t[j] == 0x2E && isASCIIDigit(t[j + 1]) {
            j += 1
            while j < n && isASCIIDigit(t[j]) { j += 1 }
        }
        // `4o`, `4v`: a single lowercase letter glued to the number
        if j < n && (t[j] == 0x6F) && (j + 1 >= n || !isLatinLetter(t[j + 1])) { j += 1 }
        if j < n && isLatinLetter(t[j]) {
            // `405B`-style sizes are read separately; `3B` alone is a size too.
            return nil
        }
        return (j, stringOf(t[i..<j]))
    }

    /// A parameter size such as `405B`, `7b`, `1.5B`.
    static func size(_ t: [UInt32], _ i: Int) -> (end: Int, text: String)? {
        var j = i
        let n = t.count
        guard j < n && isASCIIDigit(t[j]) else { return nil }
        while j < n && (isASCIIDigit(t[j]) || (t[j] == 0x2E && j + 1 < n && isASCIIDigit(t[j + 1]))) { j += 1 }
        guard j < n && (t[j] == 0x42 || t[j] == 0x62) else { return nil }
        j += 1
        if j < n && isLatinAlnum(t[j]) { return nil }
        return (j, stringOf(t[i..<j]))
    }

    /// Strips a trailing `.0` so Opus 3.0 and Opus 3 are one version.
    static func cleanVersion(_ v: String) -> String {
        v.hasSuffix(".0") ? String(v.dropLast(2)) : v
    }

    static func claudeName(version: String?, tier: String?, extra: [String]) -> String {
        var parts = ["Claude"]
        if let v = version.map(cleanVersion) {
            let major = Double(v.filter { $0.isNumber || $0 == "." }) ?? 0
            if let t = tier {
                if major >= 4 { parts += [t, v] } else { parts += [v, t] }
            } else {
                parts.append(v)
            }
        } else if let t = tier {
            parts.append(t)
        }
        return (parts + extra).joined(separator: " ")
    }

    /// Tries to read a model name starting at `i` (normalised text, case kept).
    static func scan(_ text: [UInt32], _ lower: [UInt32], at i: Int) -> Found? {
        let n = text.count
        if i > 0 && isLatinAlnum(text[i - 1]) {
            // `数一数二的Claude 4` is fine (Han before), `xClaude` is not.
            return nil
        }
        let c = lower[i]
        // o1, o3-mini, o4: OpenAI's reasoning models.
        if c == 0x6F && i + 1 < n && isASCIIDigit(lower[i + 1]) {
            var j = i + 1
            while j < n && isASCIIDigit(lower[j]) { j += 1 }
            if j < n && isLatinLetter(lower[j]) { return nil }
            var name = "o" + stringOf(lower[(i + 1)..<j])
            if j + 1 < n && (lower[j] == 0x2D || lower[j] == 0x20) {
                let w = word(lower, j + 1)
                let token = stringOf(lower[(j + 1)..<w])
                if token == "mini" || token == "preview" || token == "pro" {
                    name += "-" + token
                    j = w
                }
            }
            if j < n && isLatinAlnum(lower[j]) { return nil }
            return Found(end: j, canonical: "OpenAI " + name, maker: "OpenAI")
        }
        // "3.5 Sonnet", "4.0 Opus"
        if isASCIIDigit(c) {
            guard let v = version(text, i), v.end + 1 < n, text[v.end] == 0x20 else { return nil }
            let w = word(lower, v.end + 1)
            let tier = stringOf(lower[(v.end + 1)..<w])
            guard claudeTiers.contains(tier), w >= n || !isASCIIDigit(lower[w]) else { return nil }
            var end = w
            var extra: [String] = []
            if let (e, x) = suffixVersionTag(text, end) { end = e; extra.append(x) }
            return Found(end: end, canonical: claudeName(version: v.text, tier: tierWords[tier], extra: extra),
                         maker: "Anthropic")
        }
        guard isLatinLetter(c) else { return nil }
        // only a family word, a Claude tier or `dall-e` goes on: most words are decided by their first letter
        guard c < 0x250, familyFirst[Int(c)] else { return nil }
        var w = word(lower, i)
        // a word that is no family word, no tier and not `dall` ends here, before any string is built
        guard isKnownToken(lower, i, w) else { return nil }
        var token = stringOf(lower[i..<w])
        if token == "dall" && w + 1 < n && lower[w] == 0x2D && lower[w + 1] == 0x65 { w += 2; token = "dall-e" }
        // "Sonnet 3.5", "Opus 3", bare "Haiku"
        if claudeTiers.contains(token) {
            if w < n && isLatinAlnum(lower[w]) { return nil }
            var end = w
            var tierVersion: String?
            if w + 1 < n && lower[w] == 0x20, let v = version(text, w + 1) { tierVersion = v.text; end = v.end }
            if tierVersion == nil { return Found(end: w, canonical: tierWords[token]!, maker: "Anthropic") }
            return Found(end: end, canonical: claudeName(version: tierVersion, tier: tierWords[token], extra: []),
                         maker: "Anthropic")
        }
        guard let family = families[token] else { return nil }
        var end = w
        var versionText: String?
        var tiers: [String] = []
        var sep = ""
        // version: glued (`Qwen2.5`), after `-` (`GPT-4o`) or after a space (`Grok 3`)
        if end < n, let v = version(text, end) {
            versionText = v.text; end = v.end
        } else if end + 1 < n && (text[end] == 0x2D || text[end] == 0x20), let v = version(text, end + 1) {
            sep = text[end] == 0x2D ? "-" : " "
            versionText = v.text; end = v.end
        } else if end < n && isLatinLetter(lower[end]) {
            return nil // `Claudes`, `Grokking`
        }
        // tier words and a size, each after a space or `-`
        while end + 1 < n && (text[end] == 0x20 || text[end] == 0x2D) {
            let s = end + 1
            let we = word(lower, s)
            let t = stringOf(lower[s..<we])
            if let tw = tierWords[t], we >= n || !isLatinLetter(lower[we]) {
                // Claude keeps a version after its tier: `Claude Opus 3.0`
                tiers.append(tw)
                end = we
                // a version after the tier: `Claude Opus 3.0`, `Mistral Medium 3`
                if versionText == nil && end + 1 < n && text[end] == 0x20,
                   let v = version(text, end + 1) {
                    versionText = v.text; end = v.end
                }
                continue
            }
            if let sz = size(text, s) { tiers.append(sz.text); end = sz.end; continue }
            // an active-parameter tag after a size: `-A22B`
            if text[end] == 0x2D, isASCIIUpper(text[s]), let sz = size(text, s + 1), !tiers.isEmpty {
                tiers.append(stringOf(text[s..<sz.end])); end = sz.end; continue
            }
            // a capitalised variant word after `-`: `-Base`, `-Instruct`
            if text[end] == 0x2D, isASCIIUpper(text[s]), we > s + 2, we >= n || !isLatinAlnum(lower[we]), versionText != nil {
                tiers.append(stringOf(text[s..<we])); end = we; continue
            }
            break
        }
        if family.canonical == "Claude" {
            let tier = tiers.first { claudeTiers.contains($0.lowercased()) }
            var extra = tiers.filter { $0 != tier }
            if let (e, x) = suffixVersionTag(text, end) { end = e; extra.append(x) }
            return Found(end: end, canonical: claudeName(version: versionText, tier: tier, extra: extra), maker: family.maker)
        }
        if versionText == nil && tiers.isEmpty {
            // a bare family word: only the well-known product names count
            return Found(end: end, canonical: family.canonical, maker: family.maker)
        }
        var name = family.canonical
        if family.canonical == "GPT" {
            name += "-" + (versionText ?? "")
        } else if let v = versionText {
            name += sep + v
        }
        for t in tiers { name += (family.canonical == "GPT" ? " " : (sep == "-" ? "-" : " ")) + t }
        if family.canonical != "GPT" {
            // other families keep their own spelling of separators
            name = stringOf(text[i..<end])
        }
        return Found(end: end, canonical: name, maker: family.maker)
    }

    /// ` V2` after a Claude name (`3.5 Sonnet V2`).
    static func suffixVersionTag(_ t: [UInt32], _ end: Int) -> (Int, String)? {
        let n = t.count
        guard end + 2 < n, t[end] == 0x20, t[end + 1] == 0x56, isASCIIDigit(t[end + 2]) else { return nil }
        var j = end + 2
        while j < n && isASCIIDigit(t[j]) { j += 1 }
        if j < n && isLatinLetter(t[j]) { return nil }
        return (j, stringOf(t[(end + 1)..<j]))
    }
}

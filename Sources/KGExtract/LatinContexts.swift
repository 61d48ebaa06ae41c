import KGCore

/// Latin-script names no list knows, typed by the words around them:
/// `co-founded by Jane Roe`, `Its CEO, Jane Roe,`, `Jane Roe said` make a
/// person; `led by Acme`, `acquire Acme`, `Acme's board`, `Acme, a startup`,
/// `investors including Acme, Brill and Cato` make a company; `Kestrel-2`,
/// `Kestrel 3` in a sentence about models make a model. Each cue table says
/// which phrasing it covers; a name needs one cue, on either side.
enum LatinContexts {
    static func words(_ list: String) -> [[UInt32]] {
        list.split(separator: "|").map { Array(scalarsOf: String($0)) }
    }

    /// The words of `list` (split at `|`) as a `LatinCueList`, indexed for `endsWith` and `startsWith`.
    static func cues(_ list: String) -> LatinCueList { LatinCueList(words(list)) }

    static let by = cues("by"), at = cues("at"), and = Array(scalarsOf: "and")
    static let articles = cues(", a|, an|, the")
    static let foundedWords = cues("founded|co-founded|cofounded|started")

    // MARK: persons

    /// Words right before a person's name (`said Jane Roe`, `CEO Jane Roe`,
    /// `co-founder, Jane Roe`, `in conversation with Jane Roe`).
    static let personBefore = cues("angel investor|angel|said|says|told|by|with|ceo|cto|cfo|coo|founder|co-founder|cofounder|president|chief executive|chief technology officer|chief scientist|executive|partner|analyst|host|researcher|engineer|scientist|professor|director|chairman|chairwoman|reporter|editor|dr.|mr.|ms.|mrs.|prof.|according to|interviewed|named|hired|appointed|guest|founders|co-founders|cofounders|engineers|researchers|scientists|executives|analysts|partners|investors|professors")
    /// What before `by` makes the name an organisation instead (`led by`, `backed by`).
    static let orgBy = cues("led|backed|funded|owned|acquired|bought|made|developed|built|released|trained|published|valued|powered|hosted|supported|sponsored|produced|distributed|operated|run")
    /// Words right after a person's name (`Jane Roe said`, `Jane Roe, who`).
    static let personAfter = cues(" said| says| told| wrote| added| explained| noted| argued| recalled| replied| asked| joined| co-founded| founded| runs| leads| previously")
    /// Role nouns in an apposition after a name (`Jane Roe, a former researcher`).
    static let roleNouns = cues("founder|co-founder|cofounder|ceo|cto|cfo|coo|chief|president|partner|analyst|researcher|engineer|scientist|professor|director|head|executive|investor|host|editor|reporter|chairman|chairwoman|manager|vice|officer|lead|economist|designer|developer|former")

    // MARK: organisations

    /// Words right before an organisation's name (`led by Acme`, `acquire Acme`,
    /// `rivals such as Acme`, `CEO of Acme`, `rented from Acme`).
    static let orgBefore = cues("led by|backed by|funded by|owned by|acquired by|bought by|including|such as|acquire|acquired|acquires|acquiring|acquisition of|buy|bought|rival|rivals|competitor|competitors|startup|start-up|investor|investors|ceo of|founder of|co-founder of|cofounder of|chief executive of|president of|head of|cto of|rented from|licensed from|funding from|investment from|participation from|backing from|came out of|spent|joined|leaving|left|customers|customer|partnered with|partnership with|deal with|competes with|investors include|venture arm|investment arm|arm|through|clients|client|backers|backer|existing backers|customers include|customers included|clients include|rivals include|competitors include|backers include|partners include|customers were|customers are|capacity from|compute from|gpus from|chips from|round from|money from|counts|founders of|co-founders of|maker of|partners at|startup called|company called|firm called|lender called|bank called|startup named|company named|lab called|piloting with|pilots with|working with|signed with|contract with|agreement with|think of|make of|thoughts on|how do you see|how do you view|what about|how about")
    /// A company kind, then a comma, then its name (`a smaller startup, Acme,`;
    /// `its rival, Acme`).
    static let orgBeforeComma = cues("startup|start-up|rival|competitor|lender|bank|fund|firm|chipmaker|unicorn")
    /// Role words before `at` (`a partner at Acme`, `years at Acme`).
    static let atRoles = cues("researcher|engineer|scientist|partner|executive|director|head|chief|manager|analyst|investor|worked|works|working|years|job|role|stint|previously|former|formerly|infrastructure|tooling|employee|employees|intern|vice president|lead|team|staff|researchers|engineers|scientists|partners|executives|analysts|economists|strategists")
    /// Words after `X's` that say X is an organisation (`Acme's board`).
    static let orgPossessed = cues("own|model|models|board|chief|ceo|founder|co-founder|product|products|platform|shares|stock|valuation|revenue|investors|investment|api|cloud|team|engineers|researchers|employees|customers|latest|new|first|flagship|core|software|chips|data|system|agent|agents|venture|research|lab|existing|backer|backers|investor|lead|series|funding|round")
    /// Words after a name that make it an organisation (`Acme raised`, `Acme Inc`).
    static let orgAfter = cues(" led the round| led it| co-led| participated| raised| raises| has raised| had raised| announced| shipped| launched| released| trained| unveiled| agreed to| was founded| was co-founded| employs| competes|, which has raised|, which raised|, which makes|, which builds| says it| said it| inc| ltd| llc| gmbh| plc| co-founder| cofounder| ceo| cto")
    /// Nouns in an apposition after an organisation (`Acme, a startup that…`).
    static let orgNouns = cues("startup|start-up|company|firm|maker|lab|developer|provider|rival|unicorn|group|fund|investor|platform|framework|chipmaker|designer|supplier|operator|giant|outfit|venture")

    /// Capitalised words that are never a name on their own.
    static let notNames: Set<String> = ["the", "a", "an", "and", "or", "but", "it", "its", "this", "that", "these", "those",
        "he", "she", "we", "they", "i", "you", "my", "our", "his", "her", "their", "in", "on", "at", "for", "by", "with",
        "from", "to", "of", "as", "if", "so", "yes", "no", "not", "both", "all", "some", "many", "most", "one", "two",
        "three", "four", "five", "first", "second", "last", "next", "new", "right", "well", "okay", "thanks", "thank",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow",
        "series", "round", "episode", "phase", "chapter", "section", "figure", "table", "version", "level", "stage",
        "tier", "top", "day", "week", "year", "ai", "api", "ceo", "cto", "gpu", "gpus", "llm", "english", "chinese",
        "american", "european", "editing", "reporting", "additional", "read", "more", "share", "after", "before",
        "when", "while", "where", "what", "who", "how", "why", "there", "here", "then", "now", "also", "still", "even",
        "just", "only", "about", "over", "under", "up", "down", "out", "forty", "fifty", "sixty", "twenty", "thirty",
        "ten", "hundred", "million", "billion", "north", "south", "east", "west", "san", "new", "los", "silicon",
        "valley", "street", "avenue", "research", "open", "model", "models", "agents", "agent", "let", "let's",
        "asia", "europe", "america", "china", "india", "japan", "france", "germany", "britain", "paris", "london",
        "munich", "berlin", "beijing", "shanghai", "shenzhen", "tokyo", "seoul", "singapore", "boston", "seattle",
        "francisco", "york", "washington", "california", "texas", "taiwan", "hong", "kong", "verilog", "python",
        "linux", "windows", "sql", "github", "chip", "chips", "cloud", "data", "per", "via", "than", "sota", "agi", "moe",
        "rag", "rlhf", "sft", "cot", "rl", "vla", "vlm", "asr", "tts", "nlp", "cv", "ocr", "gpu", "tpu", "npu", "cpu"]

    /// Does `list` hold a word ending right before `i` (case-insensitive,
    /// word-bounded)? `lower` is the lowercased text. Cost: one bucket load,
    /// then a compare per word ending with the scalar before `i` (a few, not the
    /// whole list: the lists hold up to ~130 words).
    static func endsWith(_ lower: [UInt32], before i: Int, _ list: LatinCueList) -> Bool {
        guard i > 0, i <= lower.count else { return false }
        for w in list.byLast[LatinCueList.bucket(lower[i - 1])] {
            let s = i - w.count
            guard s >= 0 else { continue }
            var ok = true
            for q in 0..<w.count where lower[s + q] != w[q] { ok = false; break }
            if ok && (s == 0 || !isLatinLetter(lower[s - 1])) { return true }
        }
        return false
    }

    /// Does `list` hold a word starting at `i` and ending at a word boundary?
    /// Cost: one bucket load, then a compare per word starting with `lower[i]`.
    static func startsWith(_ lower: [UInt32], at i: Int, _ list: LatinCueList) -> Bool {
        guard i >= 0, i < lower.count else { return false }
        for w in list.byFirst[LatinCueList.bucket(lower[i])] {
            guard i + w.count <= lower.count else { continue }
            var ok = true
            for q in 0..<w.count where lower[i + q] != w[q] { ok = false; break }
            if ok && (i + w.count == lower.count || !isLatinLetter(lower[i + w.count])) { return true }
        }
        return false
    }

    /// Does `list` hold a word ending right before `i` (case-insensitive,
    /// word-bounded)? The plain walk over every word, for short ad-hoc lists.
    static func endsWith(_ lower: [UInt32], before i: Int, _ list: [[UInt32]]) -> Bool {
        for w in list {
            let s = i - w.count
            guard s >= 0 else { continue }
            var ok = true
            for q in 0..<w.count where lower[s + q] != w[q] { ok = false; break }
            if ok && (s == 0 || !isLatinLetter(lower[s - 1])) { return true }
        }
        return false
    }

    /// Does `list` hold a word starting at `i` and ending at a word boundary?
    /// The plain walk over every word, for short ad-hoc lists.
    static func startsWith(_ lower: [UInt32], at i: Int, _ list: [[UInt32]]) -> Bool {
        for w in list {
            guard i + w.count <= lower.count else { continue }
            var ok = true
            for q in 0..<w.count where lower[i + q] != w[q] { ok = false; break }
            if ok && (i + w.count == lower.count || !isLatinLetter(lower[i + w.count])) { return true }
        }
        return false
    }

    /// The position before `i` once spaces (and one comma) are skipped.
    static func back(_ t: [UInt32], _ i: Int, comma: Bool) -> Int {
        var j = i
        while j > 0 && t[j - 1] == 0x20 { j -= 1 }
        if comma && j > 0 && t[j - 1] == 0x2C {
            j -= 1
            while j > 0 && t[j - 1] == 0x20 { j -= 1 }
        }
        return j
    }

    /// A role noun within the apposition that starts at `i` (`, a former …`).
    static func apposition(_ lower: [UInt32], at i: Int, _ nouns: LatinCueList) -> Bool {
        guard i + 2 < lower.count, lower[i] == 0x2C, lower[i + 1] == 0x20 else { return false }
        var k = i + 2
        let limit = min(lower.count, i + 70)
        while k < limit {
            let c = lower[k]
            if c == 0x2C || c == 0x2E || c == 0x0A || c == 0x3B || c == 0x28 { break }
            if (k == i + 2 || lower[k - 1] == 0x20) && startsWith(lower, at: k, nouns) { return true }
            k += 1
        }
        return false
    }

    /// A capitalised name at `i` typed by its context: person or company.
    /// `words` is the run of capitalised words starting at `i`.
    /// `run`: `NameRules.capitalisedRun(nt.text, i)` when the caller has read it already.
    static func name(_ nt: NormalizedText, at i: Int, run precomputed: [NameRules.Word]? = nil) -> (end: Int, type: EntityType)? {
        let t = nt.text, lower = nt.lower
        if i > 0 && isLatinAlnum(t[i - 1]) { return nil }
        var run = precomputed ?? NameRules.capitalisedRun(t, i)
        // a hard line break ends a name (`…of Acme⏎Recorded June 3`)
        for k in run.indices.dropFirst() where nt.original[Int(nt.origin[run[k].start - 1])] == 0x0A {
            run.removeSubrange(k...)
            break
        }
        while let last = run.last, notNames.contains(last.text.lowercased()) { run.removeLast() }
        if run.isEmpty, let e = capsWord(t, lower, i) {
            // `customers were BBVA, ING and …`: a short word in capitals is a company only after a company cue
            return orgCue(nt, i, e) ? (e, .company) : nil
        }
        guard let first = run.first, !notNames.contains(first.text.lowercased()), run.count <= 3 else { return nil }
        // a word glued to a digit or `-` is a model name or a compound, not read here
        let end = run.last!.end
        if end < t.count && (isASCIIDigit(t[end]) || t[end] == 0x2D) { return nil }
        let fresh = freshLine(nt, i)
        let b = fresh ? 0 : back(t, i, comma: false)
        let bComma = fresh ? 0 : back(t, i, comma: true)
        // cues on both sides; a strong cue outweighs a weak one (`said` follows
        // persons and companies alike)
        let byCue = endsWith(lower, before: b, by)
        let byOrg = byCue && endsWith(lower, before: back(t, b - 2, comma: false), orgBy)
        let titleBefore = endsWith(lower, before: bComma, personBefore) && !byCue
        let orgApposition = article(lower, at: end) && apposition(lower, at: end, orgNouns)
        let foundedBy = byCue && endsWith(lower, before: back(t, b - 2, comma: false), foundedWords)
        let strongPerson = titleBefore || foundedBy || startsWith(lower, at: end, personStrongAfter)
            || (run.count == 2 && foundersPair(t, lower, i, end))
            || (!orgApposition && apposition(lower, at: end, roleNouns))
            || ChineseNames.titled(t, before: i) || (end < t.count && ChineseNameTables.speechVerbs.prefix(t, at: end) > 0)
            // a transcript's speaker label: `Jane Roe: …` at a line start
            || (run.count >= 2 && ChineseNames.atLineStart(t, i) && ChineseNames.labelEnd(t, end))
        let weakPerson = (byCue && !byOrg) || startsWith(lower, at: end, personAfter) || (run.count >= 2 && personBeforeInList(nt, i))
        let strongOrg = orgCue(nt, i, end)
        let givenFirst = NameRules.givenNames.contains(first.text.lowercased())
        if run.count >= 2 && (strongPerson || (weakPerson && !strongOrg)) && (!strongOrg || givenFirst || strongPerson && !orgApposition) {
            return (end, .person)
        }
        if strongOrg {
            // a single given name (`Jane`) after a cue is still not a company
            if run.count == 1 && givenFirst { return nil }
            return (end, .company)
        }
        return nil
    }

    /// Words in capitals that are never a company's name after a cue (places, formats, kinds).
    static let capsNotNames: Set<String> = ["us", "usa", "uk", "eu", "un", "uae", "pdf", "html", "json", "csv", "xml",
        "ipo", "kpi", "roi", "saas", "b2b", "smb", "sme", "llms", "apis", "gpus", "ai", "ml", "it", "hr", "ceo", "cfo",
        "cto", "coo", "vc", "vcs", "pc", "tv", "rnd", "ev", "evs", "ok", "faq"]

    /// A word of two to five capitals at `i` standing alone (`BBVA`, `UBS`); its end.
    static func capsWord(_ t: [UInt32], _ lower: [UInt32], _ i: Int) -> Int? {
        var e = i
        while e < t.count && isASCIIUpper(t[e]) { e += 1 }
        guard e - i >= 2, e - i <= 5, e >= t.count || !(isLatinAlnum(t[e]) || t[e] == 0x2D) else { return nil }
        let w = stringOf(lower[i..<e])
        guard !notNames.contains(w), !capsNotNames.contains(w) else { return nil }
        return e
    }

    /// Verbs a few words before `at` that make what follows an employer
    /// (`ran automation at Acme`, `led the platform team at Acme`).
    static let atVerbs = cues("ran|led|headed|built|managed|oversaw|worked|spent|taught|studied")

    /// A role word right before `at` ending at `j` (`a partner at`), or a verb
    /// of `atVerbs` up to three words before it. Cost: at most four word probes.
    static func roleBeforeAt(_ t: [UInt32], _ lower: [UInt32], _ j: Int) -> Bool {
        var e = back(t, j, comma: false)
        if endsWith(lower, before: e, atRoles) { return true }
        for _ in 0..<3 {
            guard e > 0, isLatinLetter(lower[e - 1]) else { return false }
            if endsWith(lower, before: e, atVerbs) { return true }
            var s = e
            while s > 0 && isLatinLetter(lower[s - 1]) { s -= 1 }
            e = back(t, s, comma: false)
        }
        return false
    }

    /// Whether the original text has a line break right before `i` (spaces aside).
    static func freshLine(_ nt: NormalizedText, _ i: Int) -> Bool {
        guard i > 0 else { return true }
        var o = Int(nt.origin[i]) - 1
        while o >= 0 && (nt.original[o] == 0x20 || nt.original[o] == 0x09) { o -= 1 }
        return o < 0 || nt.original[o] == 0x0A
    }

    /// Whether the words around `i..<end` show an organisation: a cue before
    /// (`led by`, `acquire`, `a partner at`, a list after such a cue) or after
    /// (`raised`, `, a startup`, `'s board`).
    static func orgCue(_ nt: NormalizedText, _ i: Int, _ end: Int) -> Bool {
        let t = nt.text, lower = nt.lower
        // cues before a name stop at a line break (a headline's last word is no cue)
        var b = freshLine(nt, i) ? 0 : back(t, i, comma: false)
        let bComma = freshLine(nt, i) ? 0 : back(t, i, comma: true)
        // `participation from the Acme Clinic`, `A and the Acme Clinic`: look past `the`
        var start = i
        if b >= 4 && lower[b - 1] == 0x65 && lower[b - 2] == 0x68 && lower[b - 3] == 0x74 && (b == 3 || !isLatinLetter(lower[b - 4])) {
            start = b - 3
            b = back(t, b - 3, comma: false)
        }
        let byOrg = endsWith(lower, before: b, by) && endsWith(lower, before: back(t, b - 2, comma: false), orgBy)
        let atCue = endsWith(lower, before: b, at) && roleBeforeAt(t, lower, b - 2)
        var possessive = false
        if end + 3 < t.count && (t[end] == 0x27 || t[end] == 0x2019) && t[end + 1] == 0x73 && t[end + 2] == 0x20 {
            possessive = startsWith(lower, at: end + 3, orgPossessed)
        }
        let commaKind = bComma < b && endsWith(lower, before: bComma, orgBeforeComma)
        return endsWith(lower, before: b, orgBefore) || commaKind || atCue || byOrg || listAfterOrgCue(t, lower, start)
            || startsWith(lower, at: end, orgAfter) || (article(lower, at: end) && apposition(lower, at: end, orgNouns)) || possessive
    }

    /// `engineers Jane Roe and Lee Moss`: a two-word name after `and` whose list
    /// starts with a name that has a person cue before it.
    static func personBeforeInList(_ nt: NormalizedText, _ i: Int) -> Bool {
        let t = nt.text, lower = nt.lower
        var j = back(t, i, comma: false)
        guard j >= 4, Array(lower[(j - 3)..<j]) == and, t[j - 4] == 0x20 else { return false }
        j = back(t, j - 3, comma: true)
        // back over the previous name: two or three capitalised words
        var s = j
        var words = 0
        while words < 3 {
            var w = s
            while w > 0 && isLatinLetter(t[w - 1]) { w -= 1 }
            guard w < s, isASCIIUpper(t[w]) else { break }
            words += 1
            s = w
            guard s >= 2, t[s - 1] == 0x20, isLatinLetter(t[s - 2]) else { break }
            var p = s - 1
            while p > 0 && isLatinLetter(t[p - 1]) { p -= 1 }
            guard isASCIIUpper(t[p]) else { break }
            s -= 1
        }
        guard words >= 2 else { return false }
        return endsWith(lower, before: back(t, s, comma: true), personBefore)
    }

    /// Founding verbs after a pair of two-word names (`Jane Roe and Lee Moss started Acme`): the pair
    /// are persons. Only with a capitalised object after the verb (`… started offering` is no founding).
    static let pairFoundedVerbs = cues(" started| founded| co-founded| cofounded")
    static let andWord = cues(" and")
    static let andAlone = cues("and")

    /// `Jane Roe and Lee Moss started Acme` at `end` of a two-word name: either this name is the second of
    /// the pair (the verb follows) or the first (` and ` + another two-word name + the verb). Cost: a few
    /// comparisons where a two-word name ends.
    static func foundersPair(_ t: [UInt32], _ lower: [UInt32], _ start: Int, _ end: Int) -> Bool {
        func verbThenName(_ e: Int) -> Bool {
            guard startsWith(lower, at: e, pairFoundedVerbs) else { return false }
            var k = e + 1
            while k < t.count && isLatinLetter(t[k]) || (k < t.count && t[k] == 0x2D) { k += 1 }
            return k + 1 < t.count && t[k] == 0x20 && isASCIIUpper(t[k + 1])
        }
        // the second of the pair: `and` before it (a lone `Acme Labs started Xyz` is no pair)
        if verbThenName(end) { return endsWith(lower, before: back(t, start, comma: false), andAlone) }
        guard startsWith(lower, at: end, andWord), end + 5 < t.count, t[end + 4] == 0x20 else { return false }
        let next = NameRules.capitalisedRun(t, end + 5)
        guard next.count == 2 else { return false }
        return verbThenName(next[1].end)
    }

    /// Strong person cues after a name: `, who`, `, whose`.
    static let personStrongAfter = cues(", who|, whose")

    /// `, a …`, `, an …`, `, the …`: an apposition that classifies the name.
    static func article(_ lower: [UInt32], at i: Int) -> Bool {
        startsWith(lower, at: i, articles)
    }

    /// `investors including Acme, Brill and Cato`: the name at `i` is a later
    /// item of a list whose head has an organisation cue before it. Walks back
    /// over at most five items of one to three capitalised words.
    static func listAfterOrgCue(_ t: [UInt32], _ lower: [UInt32], _ i: Int) -> Bool {
        var cur = i
        var items = 0
        while items < 5 {
            // a separator before the item: `, `, ` and `, `, and `
            var j = back(t, cur, comma: false)
            var sep = false
            if j >= 3 && Array(lower[(j - 3)..<j]) == and && (j == 3 || lower[j - 4] == 0x20) { j = back(t, j - 3, comma: true); sep = true }
            else if j > 0 && t[j - 1] == 0x2C { j = back(t, j - 1, comma: false); sep = true }
            guard sep, j > 0 else { return false }
            // the previous item: one to three capitalised words ending at j
            var s = j
            var words = 0
            while words < 3 {
                var w = s
                while w > 0 && (isLatinAlnum(t[w - 1]) || t[w - 1] == 0x2E || t[w - 1] == 0x26) { w -= 1 }
                guard w < s, isASCIIUpper(t[w]) else { break }
                words += 1
                s = w
                guard s >= 2, t[s - 1] == 0x20, isASCIIUpper(t[s - 2]) || isLatinAlnum(t[s - 2]) else { break }
                var p = s - 1
                while p > 0 && isLatinAlnum(t[p - 1]) { p -= 1 }
                guard isASCIIUpper(t[p]) else { break }
                s -= 1
            }
            guard words > 0 else { return false }
            if endsWith(lower, before: back(t, s, comma: false), orgBefore) { return true }
            cur = s
            items += 1
        }
        return false
    }

    // MARK: models

    /// Words that put a sentence about models (`Kestrel 3 beats…`, `发布了…`).
    static let modelCues = cues("model|models|llm|release|launch|weights|open-weights|open-source|open source|benchmark|benchmarks|parameters|beats|outperforms|outscored|shipped|released|launched|fine-tuned|trained|context window|tokens|模型|发布|推出|开源|参数|基准|评测")

    /// Whether a model cue occurs within the sentence around `i..<j`.
    static func modelSentence(_ lower: [UInt32], _ i: Int, _ j: Int) -> Bool {
        var s = i
        while s > 0 && i - s < 200 && !isSentenceEnd(lower, s - 1) { s -= 1 }
        var e = j
        while e < lower.count && e - j < 200 && !isSentenceEnd(lower, e) { e += 1 }
        var k = s
        while k < e {
            if (k == 0 || !isLatinLetter(lower[k - 1])) && startsWith(lower, at: k, modelCues) { return true }
            if isHan(lower[k]) && startsWith(lower, at: k, modelCues) { return true }
            k += 1
        }
        return false
    }

    @inline(__always) static func isSentenceEnd(_ t: [UInt32], _ k: Int) -> Bool {
        let c = t[k]
        if c == 0x0A || c == 0x3002 || c == 0x21 || c == 0x3F || c == 0xFF01 || c == 0xFF1F { return true }
        return c == 0x2E && k + 1 < t.count && t[k + 1] == 0x20
    }

    /// A coined Latin model name at `i`: `Kestrel-2`, `Breeze-7B`, `Kestrel-2-Mini`
    /// by shape; `Kestrel 3`, `Stackwise Coder` only in a sentence about models.
    static func model(_ nt: NormalizedText, at i: Int) -> Int? {
        let t = nt.text, lower = nt.lower
        let n = t.count
        if i > 0 && (isLatinAlnum(t[i - 1]) || t[i - 1] == 0x2D) { return nil }
        guard isASCIIUpper(t[i]) else { return nil }
        var w = i + 1
        var hasLower = false
        while w < n && isLatinLetter(t[w]) { if isASCIILower(t[w]) { hasLower = true }; w += 1 }
        guard hasLower, w - i >= 3 else { return nil }
        // (the word is looked up in `notNames` only once the shape after it fits a
        // model: the test has no side effect, and most words fail the shape first)
        let first = i..<w
        guard w + 1 < n else { return nil }
        if t[w] == 0x2D, isASCIIDigit(t[w + 1]) || (isASCIIUpper(t[w + 1]) && w + 2 < n && isASCIIDigit(t[w + 2])) {
            // a version has at most three digits (`Acme-2`, `Acme-7B`; not a part number `Acme-1101`)
            var d = w + 1
            while d < n && isASCIIDigit(t[d]) { d += 1 }
            if d - w - 1 > 3 { return nil }
            guard !notNames.contains(stringOf(lower[first])) else { return nil }
            return CoinedModels.suffix(t, w, glued: false)
        }
        guard t[w] == 0x20 else { return nil }
        // `Acme Reader 3`: a second capitalised word before the version belongs to the name
        if w + 2 < n && isASCIIUpper(t[w + 1]) {
            var w2 = w + 2
            while w2 < n && isASCIILower(t[w2]) { w2 += 1 }
            if w2 - w - 1 >= 3, w2 + 1 < n, t[w2] == 0x20, isASCIIDigit(t[w2 + 1]), !notNames.contains(stringOf(lower[(w + 1)..<w2])) { w = w2 }
        }
        var e = w + 1
        if isASCIIDigit(t[e]) {
            // `Kestrel 3`, `Kestrel 3.5`: a small version number, not a count (`Acme 300`)
            var d = e
            while d < n && isASCIIDigit(t[d]) { d += 1 }
            guard d - e <= 2 else { return nil }
            if d + 1 < n && t[d] == 0x2E && isASCIIDigit(t[d + 1]) { d += 2; while d < n && isASCIIDigit(t[d]) { d += 1 } }
            if d < n && (isLatinAlnum(t[d]) || t[d] == 0x25 || t[d] == 0x2C && d + 1 < n && isASCIIDigit(t[d + 1])) { return nil }
            e = d
            // a tier after the version: `Kestrel 3 Mini`
            if e + 1 < n && t[e] == 0x20 {
                let we = CoinedModels.token(t, e + 1)
                if we > e + 1 && CoinedModels.isTier(t, e + 1, we) && (we >= n || !isLatinAlnum(t[we])) { e = we }
            }
        } else {
            // `Stackwise Coder`: a tier word after the name
            let we = CoinedModels.token(t, e)
            guard we > e, CoinedModels.isTier(t, e, we), we >= n || !isLatinAlnum(t[we]) else { return nil }
            e = we
        }
        // `Apache 2.0 license`: the licence, not a model
        if LatinContexts.startsWith(lower, at: e, LexiconContexts.licence) { return nil }
        guard !notNames.contains(stringOf(lower[first])) else { return nil }
        guard modelSentence(lower, i, e) else { return nil }
        return e
    }
}

/// A cue-word table of `LatinContexts` with its words bucketed by last scalar
/// (for `endsWith`) and by first scalar (for `startsWith`): ASCII scalars have a
/// bucket each, every other scalar shares bucket 128. A probe compares only
/// the words of one bucket (a few) instead of the whole list (up to ~130).
/// Buckets keep list order; the lookups answer "is there any match", so the
/// order does not change a result. Immutable once built.
struct LatinCueList: Sendable {
    let words: [[UInt32]]
    let byLast: [[[UInt32]]], byFirst: [[[UInt32]]]

    init(_ words: [[UInt32]]) {
        precondition(!words.contains { $0.isEmpty }, "LatinCueList: empty cue word")
        self.words = words
        var last = [[[UInt32]]](repeating: [], count: 129), first = last
        for w in words {
            last[LatinCueList.bucket(w[w.count - 1])].append(w)
            first[LatinCueList.bucket(w[0])].append(w)
        }
        byLast = last
        byFirst = first
    }

    /// The bucket of scalar `c`: itself for ASCII, 128 for any other.
    @inline(__always) static func bucket(_ c: UInt32) -> Int { c < 128 ? Int(c) : 128 }
}

/// Invented news articles about the AI industry for `kg-bench ingest`: mostly
/// Chinese with English names, some English paragraphs, about 3 KB each.
///
/// Every sentence template below was written for this benchmark. Half the
/// names are well-known ones from the lexicon (so popular facts pile up
/// evidence, the case that used to slow ingest down); the other half are
/// invented from syllable tables, drawn from a pool that grows with the
/// document number, so new entities keep appearing to the last document.
struct ArticleGenerator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    // Known names (lexicon entries), by kind.
    static let knownCompaniesZH = ["英伟达", "微软", "谷歌", "阿里巴巴", "腾讯", "百度", "字节跳动", "华为", "台积电", "深度求索", "月之暗面"]
    static let knownCompaniesEN = ["OpenAI", "Anthropic", "Nvidia", "Microsoft", "Google", "Meta", "Amazon", "Mistral AI", "xAI"]
    static let knownPeople = ["黄仁勋", "萨姆·奥尔特曼", "Sam Altman", "Dario Amodei", "Jensen Huang", "Satya Nadella", "Lisa Su", "苏姿丰"]
    static let knownModels = ["GPT-4o", "Claude 3.5 Sonnet", "Gemini 1.5 Pro", "Llama 3", "DeepSeek-V3", "Qwen2"]

    // Syllable and character tables for invented names.
    static let syllables = ["ka", "lo", "mi", "ra", "ze", "tu", "vo", "ne", "si", "da", "fe", "qu", "ri", "xo", "ba", "yu"]
    static let latinSuffixes = ["AI", "Labs", "Robotics", "Systems", "Dynamics", "Compute"]
    static let hanzi = Array("星河云智深光元启澜极象芯源图维灵")
    static let chineseSuffixes = ["科技", "智能", "机器人", "数据", "半导体"]
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林")
    static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰涛明超")
    static let firstNames = ["Maya", "Daniel", "Priya", "Lucas", "Elena", "Omar", "Hana", "Victor", "Grace", "Tomas", "Nadia", "Ethan"]
    static let cities = ["北京", "上海", "深圳", "杭州", "旧金山", "伦敦", "新加坡"]
    static let fillersZH = [
        "业内人士指出，今年的大模型市场竞争异常激烈，价格战已经蔓延到云服务领域。",
        "消息公布后，多家券商上调了相关公司的目标价。",
        "不过，也有分析师提醒，算力成本仍是行业面临的最大不确定因素。",
        "记者在现场看到，展台前排起了长队，不少开发者专程赶来试用新产品。",
        "该公司没有透露具体的用户数量，只表示增长速度超出预期。",
    ]
    static let fillersEN = [
        "Analysts said the pricing pressure would not ease before next year.",
        "The company declined to share revenue figures.",
        "Developers lined up at the booth to try the new tools.",
    ]

    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }

    /// A number in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(rng.next() % UInt64(max(1, n))) }

    func word(_ k: Int) -> String {
        let s = Self.syllables
        let w = s[k % 16] + s[(k / 16) % 16] + s[(k / 256) % 16]
        return w.prefix(1).uppercased() + w.dropFirst()
    }

    /// Invented names: index k from a pool that grows with the document number.
    mutating func poolIndex(_ doc: Int) -> Int { below(doc / 2 + 20) }
    mutating func inventedCompanyEN(_ doc: Int) -> String { let k = poolIndex(doc); return word(k) + " " + Self.latinSuffixes[k % 6] }
    mutating func inventedCompanyZH(_ doc: Int) -> String {
        let k = poolIndex(doc), h = Self.hanzi
        return String(h[k % 16]) + String(h[(k / 16) % 16]) + String(h[(k / 256) % 16]) + Self.chineseSuffixes[k % 5]
    }
    mutating func inventedPersonZH(_ doc: Int) -> String {
        let k = poolIndex(doc)
        return String(Self.surnames[k % 16]) + String(Self.given[(k / 16) % 16]) + String(Self.given[(k / 256 + k) % 16])
    }
    mutating func inventedPersonEN(_ doc: Int) -> String { let k = poolIndex(doc); return Self.firstNames[k % 12] + " " + word(k / 12 + 7) }
    mutating func inventedModel(_ doc: Int) -> String { let k = poolIndex(doc); return word(k + 3) + "-" + String(k % 5 + 1) }

    mutating func company(_ doc: Int) -> String {
        switch below(4) {
        case 0: return pick(Self.knownCompaniesZH)
        case 1: return pick(Self.knownCompaniesEN)
        case 2: return inventedCompanyZH(doc)
        default: return inventedCompanyEN(doc)
        }
    }
    mutating func person(_ doc: Int) -> String {
        switch below(3) {
        case 0: return pick(Self.knownPeople)
        case 1: return inventedPersonZH(doc)
        default: return inventedPersonEN(doc)
        }
    }
    mutating func model(_ doc: Int) -> String { below(2) == 0 ? pick(Self.knownModels) : inventedModel(doc) }

    /// One sentence from the templates.
    mutating func sentenceZH(_ d: Int) -> String {
        switch below(9) {
        case 0: return "\(company(d))首席执行官\(person(d))在\(pick(Self.cities))的发布会上表示，公司将在明年推出\(model(d))。"
        case 1: return "\(company(d))宣布完成\(below(90) + 5)亿元融资，由\(company(d))领投，\(company(d))跟投。"
        case 2: return "据知情人士透露，\(company(d))正在与\(company(d))洽谈合作，双方将共同开发面向企业的智能助手。"
        case 3: return "\(person(d))此前在\(company(d))担任研究员，去年加入\(company(d))。"
        case 4: return "\(company(d))的主要竞争对手是\(company(d))。"
        case 5: return "分析师认为，\(model(d))在多项基准测试中超过了\(model(d))。"
        case 6: return "\(company(d))收购了\(company(d))，交易金额约为\(below(50) + 1)亿美元。"
        case 7: return "\(company(d))由\(person(d))和\(person(d))于\(2015 + below(10))年共同创立。"
        default: return pick(Self.fillersZH)
        }
    }

    mutating func sentenceEN(_ d: Int) -> String {
        switch below(6) {
        case 0: return "\(company(d)) CEO \(person(d)) said the company would release \(model(d)) this year."
        case 1: return "\(company(d)) raised $\(below(900) + 10) million in a round led by \(company(d))."
        case 2: return "\(person(d)), a former researcher at \(company(d)), joined \(company(d)) last year."
        case 3: return "\(company(d)) acquired \(company(d)) for $\(below(20) + 1) billion."
        case 4: return "\(model(d)) outperforms \(model(d)) on most coding benchmarks, according to \(company(d))."
        default: return pick(Self.fillersEN)
        }
    }

    /// Document number `d`: a title and paragraphs until about `bytes` bytes.
    mutating func article(_ d: Int, bytes: Int = 3000) -> String {
        var text = "\(company(d))动态：第 \(d) 期行业简报\n\n"
        var size = text.utf8.count
        while size < bytes {
            var paragraph = ""
            let english = below(5) == 0
            for _ in 0..<(2 + below(3)) { paragraph += english ? sentenceEN(d) + " " : sentenceZH(d) }
            paragraph += "\n\n"
            size += paragraph.utf8.count
            text += paragraph
        }
        return text
    }
}

import XCTest
import KGCore
@testable import KGExtract

final class FigureParserTests: XCTestCase {
    struct Case { var text: String; var value: Double; var upper: Double?; var unit: String; var surface: String }

    static let cases: [Case] = [
        Case(text: "筹集了 70 亿美元。", value: 7e9, upper: nil, unit: "USD", surface: "70 亿美元"),
        Case(text: "达到 25%，", value: 25, upper: nil, unit: "percent", surface: "25%"),
        Case(text: "高达数十亿美元的", value: 1e9, upper: nil, unit: "USD", surface: "数十亿美元"),
        Case(text: "将是 50~100 亿美元", value: 5e9, upper: 1e10, unit: "USD", surface: "50~100 亿美元"),
        Case(text: "大概 20% 或 25% 吧", value: 20, upper: 25, unit: "percent", surface: "20% 或 25%"),
        Case(text: "增长 10 倍", value: 10, upper: nil, unit: "x", surface: "10 倍"),
        Case(text: "我今年 31 岁", value: 31, upper: nil, unit: "year", surface: "31 岁"),
        Case(text: "需要两三年", value: 2, upper: 3, unit: "year", surface: "两三年"),
        Case(text: "数万张 GPU", value: 1e4, upper: nil, unit: "GPU", surface: "数万张 GPU"),
        Case(text: "有 1000 名员工", value: 1000, upper: nil, unit: "employee", surface: "1000 名员工"),
        Case(text: "约 3000 万参数", value: 3e7, upper: nil, unit: "parameter", surface: "3000 万参数"),
        Case(text: "raised $10 billion", value: 1e10, upper: nil, unit: "USD", surface: "$10 billion"),
        Case(text: "花了 2 亿美元，今年的预算是 0.5~3 billion", value: 2e8, upper: nil, unit: "USD", surface: "2 亿美元"),
        Case(text: "营收从 1 亿美元涨到了十几亿", value: 1e8, upper: nil, unit: "USD", surface: "1 亿美元"),
        Case(text: "四万亿美元", value: 4e12, upper: nil, unit: "USD", surface: "四万亿美元"),
        Case(text: "百分之三十", value: 30, upper: nil, unit: "percent", surface: "百分之三十"),
        Case(text: "等了三个月", value: 3, upper: nil, unit: "month", surface: "三个月"),
        Case(text: "1-8 块 GPU", value: 1, upper: 8, unit: "GPU", surface: "1-8 块 GPU"),
        Case(text: "快了 3x", value: 3, upper: nil, unit: "x", surface: "3x"),
        Case(text: "5GW 的数据中心", value: 5, upper: nil, unit: "GW", surface: "5GW"),
        Case(text: "100 多人", value: 100, upper: nil, unit: "person", surface: "100 多人"),
        // currencies: signs with magnitude letters, codes, written names before or after the amount
        Case(text: "raised $5B last week", value: 5e9, upper: nil, unit: "USD", surface: "$5B"),
        Case(text: "a $300M round", value: 3e8, upper: nil, unit: "USD", surface: "$300M"),
        Case(text: "closed a €1.2 billion round", value: 1.2e9, upper: nil, unit: "EUR", surface: "€1.2 billion"),
        Case(text: "paid £400 million for it", value: 4e8, upper: nil, unit: "GBP", surface: "£400 million"),
        Case(text: "a fee of HK$2,000 a month", value: 2000, upper: nil, unit: "HKD", surface: "HK$2,000"),
        Case(text: "costs NT$15 per device", value: 15, upper: nil, unit: "TWD", surface: "NT$15"),
        Case(text: "資本支出新台幣 150 億元", value: 1.5e10, upper: nil, unit: "TWD", surface: "新台幣 150 億元"),
        Case(text: "營收 4.5 億元新台幣", value: 4.5e8, upper: nil, unit: "TWD", surface: "4.5 億元新台幣"),
        Case(text: "完成 3.2 億港元融資", value: 3.2e8, upper: nil, unit: "HKD", surface: "3.2 億港元"),
        Case(text: "投资 5000 亿韩元", value: 5e11, upper: nil, unit: "KRW", surface: "5000 亿韩元"),
        // mixed digits, shares written in Chinese numerals, points, rates
        Case(text: "員工約 3萬6,500 人", value: 36500, upper: nil, unit: "person", surface: "3萬6,500 人"),
        Case(text: "约有三分之二来自海外", value: 200.0 / 3, upper: nil, unit: "percent", surface: "三分之二"),
        Case(text: "收入的近七成来自政府", value: 70, upper: nil, unit: "percent", surface: "近七成"),
        Case(text: "占比不足一成", value: 10, upper: nil, unit: "percent", surface: "不足一成"),
        Case(text: "一半以上的员工", value: 50, upper: nil, unit: "percent", surface: "一半以上"),
        Case(text: "在测试中拿到 91.5 分", value: 91.5, upper: nil, unit: "point", surface: "91.5 分"),
        Case(text: "高出 6 个百分点", value: 6, upper: nil, unit: "percentage point", surface: "6 个百分点"),
        Case(text: "每秒 40 个 token", value: 40, upper: nil, unit: "token/s", surface: "每秒 40 个 token"),
        Case(text: "他带过成千上万的工程师", value: 1000, upper: nil, unit: "engineer", surface: "成千上万的工程师"),
        Case(text: "团队规模 300 人左右", value: 300, upper: nil, unit: "person", surface: "300 人左右"),
        // a large amount named by its clause, not money
        Case(text: "总参数量为 4500 亿，", value: 4.5e11, upper: nil, unit: "parameter", surface: "4500 亿"),
        Case(text: "平台有 3 亿用户", value: 3e8, upper: nil, unit: "person", surface: "3 亿用户"),
        // English number words
        Case(text: "It took six months to train.", value: 6, upper: nil, unit: "month", surface: "six months"),
        Case(text: "hired two dozen engineers from rivals", value: 24, upper: nil, unit: "engineer", surface: "two dozen engineers"),
        Case(text: "a four-person team in Lyon", value: 4, upper: nil, unit: "person", surface: "four-person"),
        Case(text: "the three-year-old startup", value: 3, upper: nil, unit: "year", surface: "three-year-old"),
        Case(text: "It has forty-odd people now.", value: 40, upper: nil, unit: "person", surface: "forty-odd people"),
        Case(text: "about one third of users", value: 100.0 / 3, upper: nil, unit: "percent", surface: "about one third"),
        Case(text: "she spent about twelve years there", value: 12, upper: nil, unit: "year", surface: "about twelve years"),
    ]

    /// Words that look like amounts but are not: verbs with 成, 分 words,
    /// articles, denominators of a rate, points in time, and bare amounts
    /// whose sentence names no currency and no thing counted.
    func test_wordsThatLookLikeAmounts_areNotFigures() {
        for text in ["他成为了负责人", "任务已经完成", "规则一成不变", "这一点十分重要", "一年前我们还很小", "那一年他离开了", "每百万 token 收费",
                     "one of the founders said", "two companies joined", "Someone often asked", "去年达到 3 亿，"] {
            let x = TestSupport.extractor.extract(text: text, document: "t")
            XCTAssertTrue(x.entities.filter { $0.type == .figure }.isEmpty, "\(text): \(x.entities.map(\.name))")
        }
    }

    /// 元 alone is the document's own dollar in Taiwanese or Hong Kong text
    /// that names it, and the yuan everywhere else.
    func test_bareYuan_takesTheDocumentsNamedDollar() {
        func unit(_ text: String, _ surface: String) -> String? {
            TestSupport.extractor.extract(text: text, document: "t").entities.first { $0.aliases.contains(surface) }?.unit
        }
        XCTAssertEqual(unit("去年資本支出新台幣 80 億元。今年營收 20 億元。", "20 億元"), "TWD")
        XCTAssertEqual(unit("去年投资人民币 80 亿元。今年营收 20 亿元。", "20 亿元"), "CNY")
        XCTAssertEqual(unit("今年营收 20 亿元。", "20 亿元"), "CNY")
    }

    /// A bare amount is money only when its sentence (or the one before)
    /// states a currency, or a money word names it in a document that writes one.
    func test_bareLargeAmount_isMoneyOnlyWhenTheTextSaysSo() {
        let x = TestSupport.extractor.extract(text: "营收从 1 亿美元涨到了十几亿。", document: "t")
        XCTAssertEqual(x.entity("十几亿")?.unit, "USD")
        XCTAssertEqual(x.entity("十几亿")?.value, 1e9)
        let y = TestSupport.extractor.extract(text: "他们的 GPU 已经达到了上百亿的规模。", document: "t")
        XCTAssertNil(y.entity("上百亿"), "\(y.entities.map(\.name))")
    }

    func test_figureTable_parsesValueUpperAndUnit() {
        for c in Self.cases {
            let x = TestSupport.extractor.extract(text: c.text, document: "t")
            let figs = x.entities.filter { $0.type == .figure }
            guard let f = figs.first else { XCTFail("no figure in \(c.text)"); continue }
            XCTAssertEqual(f.value ?? -1, c.value, accuracy: c.value * 1e-9, c.text)
            XCTAssertEqual(f.upperValue, c.upper, c.text)
            XCTAssertEqual(f.unit, c.unit, c.text)
            XCTAssertTrue(f.aliases.contains(c.surface), "\(c.text): \(f.aliases)")
        }
    }

    func test_datesYearsAndVersions_areNotFigures() {
        for text in ["2024 年 6 月 20 日发布", "GPT-4 和 Claude 3.5 Sonnet", "第 2 级", "版本 3.5", "15:05:45", "一个模型", "1990年代"] {
            let x = TestSupport.extractor.extract(text: text, document: "t")
            XCTAssertTrue(x.entities.filter { $0.type == .figure }.isEmpty, "\(text): \(x.entities.map(\.name))")
        }
    }
}

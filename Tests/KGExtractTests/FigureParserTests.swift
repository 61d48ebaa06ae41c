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
        Case(text: "0.33~3 billion", value: 3.3e8, upper: 3e9, unit: "USD", surface: "0.33~3 billion"),
        Case(text: "十几亿", value: 1e9, upper: nil, unit: "USD", surface: "十几亿"),
        Case(text: "上百亿", value: 1e10, upper: nil, unit: "USD", surface: "上百亿"),
        Case(text: "四万亿美元", value: 4e12, upper: nil, unit: "USD", surface: "四万亿美元"),
        Case(text: "百分之三十", value: 30, upper: nil, unit: "percent", surface: "百分之三十"),
        Case(text: "等了三个月", value: 3, upper: nil, unit: "month", surface: "三个月"),
        Case(text: "1-8 块 GPU", value: 1, upper: 8, unit: "GPU", surface: "1-8 块 GPU"),
        Case(text: "快了 3x", value: 3, upper: nil, unit: "x", surface: "3x"),
        Case(text: "5GW 的数据中心", value: 5, upper: nil, unit: "GW", surface: "5GW"),
        Case(text: "100 多人", value: 100, upper: nil, unit: "person", surface: "100 多人"),
    ]

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

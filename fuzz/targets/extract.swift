// libFuzzer target: any text through the extractor (Extractor().extract(text:document:)).
import KGCore
import KGExtract

let extractor = Extractor()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtract(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = extractor.extract(text: text, document: "fuzz.txt")
    return 0
}

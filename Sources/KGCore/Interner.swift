/// Maps strings to dense integer ids and back, so that hot loops compare and hash
/// integers. Ids start at 0 and are never reused.
public struct Interner: Sendable {
    private var ids: [String: Int32] = [:]
    public private(set) var strings: [String] = []

    public init() {}

    public var count: Int { strings.count }

    /// The id of `s`, adding it if new.
    @discardableResult
    public mutating func intern(_ s: String) -> Int32 {
        if let id = ids[s] { return id }
        let id = Int32(strings.count)
        ids[s] = id
        strings.append(s)
        return id
    }

    /// The id of `s` if it has one.
    public func lookup(_ s: String) -> Int32? { ids[s] }

    public subscript(id: Int32) -> String { strings[Int(id)] }
}

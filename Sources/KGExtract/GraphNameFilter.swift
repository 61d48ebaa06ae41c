import Foundation
import KGCore

/// Which graph names can matter to a few documents, so that `kg ingest` of a
/// small document into a big graph adds to its lexicon only the entities whose
/// forms occur in it instead of every entity (`Lexicon.addGraphNames`).
///
/// A lexicon entry changes an extraction only through a form (name, alias, an
/// organisation's stem) whose key occurs in the document's normalised text
/// (`Lexicon.longestMatch`), or through its name taking the place of an entry the
/// lexicon already has. So an entity may be left out when none of its forms'
/// keys is a substring of the documents' text and none of them is spelled like a
/// name or maker of the lexicon. Leaving those out changes nothing: the entities
/// kept stay in graph order, every entity sharing a form that occurs is kept (so
/// `addGraphNames` still sees the form as shared), and the others could never match.
///
/// The test is conservative: a form with a character outside plain ASCII and the
/// CJK ideographs (whose normalisation depends on context) or longer than
/// `maxLength` scalars always counts as occurring.
///
/// Cost: O(document scalars × maxLength) hashes to build, then per form one pass
/// over its bytes (and for a company's forms one `ChineseNames.organisations`),
/// no String and no allocation per form.
public struct GraphNameFilter {
    /// Hashes of every substring of two to `maxLength` scalars of the documents' normalised lowercase text.
    private var substrings = Set<UInt64>()
    /// Hashes of the lexicon's entry names and makers (NFC UTF-8 bytes).
    private var lexiconNames = Set<UInt64>()
    private var text: [UInt32] = []
    static let maxLength = 48

    public init(documents: [String], lexicon: Lexicon) {
        for document in documents {
            let nt = Normalizer.normalize(document)
            add(nt.lower)
            // The recogniser also matches in re-normalised pieces of the normalised text.
            let again = Normalizer.normalize(scalars: nt.text).lower
            if again != nt.lower { add(again) }
        }
        for e in lexicon.entries {
            for name in [e.name] + (e.maker.map { [$0] } ?? []) {
                var nfc = name.precomposedStringWithCanonicalMapping
                lexiconNames.insert(nfc.withUTF8 { GraphNameFilter.hash(bytes: UnsafeRawBufferPointer($0)) })
            }
        }
    }

    @inline(__always) private static func mix(_ h: UInt64, _ c: UInt32) -> UInt64 {
        var x = (h ^ UInt64(c)) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        return x
    }

    private static func hash(bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = mix(h, UInt32(b)) }
        return h
    }

    private mutating func add(_ lower: [UInt32]) {
        let n = lower.count
        for i in 0..<n {
            var h = GraphNameFilter.mix(0x51_7CC1_B727_220A, lower[i])
            var j = i + 1
            while j < n && j - i < GraphNameFilter.maxLength {
                h = GraphNameFilter.mix(h, lower[j])
                substrings.insert(h)
                j += 1
            }
        }
    }

    private func occurs(_ key: ArraySlice<UInt32>) -> Bool {
        guard key.count >= 2 else { return false }
        var h: UInt64 = 0x51_7CC1_B727_220A
        for c in key { h = GraphNameFilter.mix(h, asciiLower(c)) }
        return substrings.contains(h)
    }

    /// Whether graph form `form` (UTF-8) of an entity of `type` may add a form that
    /// occurs in the documents, or take the place of a lexicon entry (see above).
    public mutating func mayMatter(_ form: UnsafeRawBufferPointer, type: EntityType) -> Bool {
        if type == .figure { return false }                      // addGraphNames takes no figure
        // Normalised text of a plain form, scalar by scalar as `Normalizer.normalize` maps them.
        text.removeAll(keepingCapacity: true)
        var i = 0
        let n = form.count
        let t2s = TraditionalToSimplified.table, t2sBase = TraditionalToSimplified.base, t2sLimit = TraditionalToSimplified.limit
        while i < n {
            let b = form[i]
            if b < 0x80 {
                if b == 0x20 {
                    if text.last != 0x20 { text.append(0x20) }
                } else if b > 0x20 && b < 0x7F && b != 0x28 {
                    text.append(UInt32(b))
                } else {
                    return true
                }
                i += 1
            } else if b >= 0xE4 && b <= 0xE9 && i + 2 < n {
                let c = UInt32(b & 0x0F) << 12 | UInt32(form[i + 1] & 0x3F) << 6 | UInt32(form[i + 2] & 0x3F)
                guard c >= 0x4E00 && c <= 0x9FFF else { return true }
                text.append(c >= t2sBase && c < t2sLimit ? t2s[Int(c - t2sBase)] : c)
                i += 3
            } else {
                return true
            }
            if text.count > GraphNameFilter.maxLength { return true }
        }
        if lexiconNames.contains(GraphNameFilter.hash(bytes: form)) { return true }
        if occurs(text[...]) { return true }
        if type == .company, let o = ChineseNames.organisations(text).first, o.start == 0, o.end == text.count,
           o.stemEnd - o.stemStart >= 2, occurs(text[o.stemStart..<o.stemEnd]) {
            return true
        }
        return false
    }
}

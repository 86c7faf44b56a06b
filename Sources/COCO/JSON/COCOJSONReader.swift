import Foundation

// The specialised byte-level reader for the two COCO schemas (dataset file, results array).
// Foundation's JSONDecoder takes ~2 s on a 43 MB results file; this reader fills the same
// Codable structs directly from the UTF-8 bytes, validates at the boundary (so the RLE and IoU
// kernels can trust their input) and parses large results arrays on two threads.

extension COCODataset {
    /// Reads a dataset file (`instances_*.json`, `person_keypoints_*.json`).
    /// - Throws: ``InputError`` naming the file, the record and the field.
    public static func load(contentsOf url: URL) throws(InputError) -> COCODataset {
        try load(contentsOf: url, skippingSegmentations: false)
    }

    /// Reads a dataset file; for a bbox or keypoints evaluation, which never reads a GT mask (nor
    /// does pycocotools'), `skippingSegmentations` checks each annotation's `segmentation` as JSON
    /// and leaves it nil, sparing the polygons' arrays (half of a `person_keypoints` file's bytes).
    package static func load(contentsOf url: URL, skippingSegmentations: Bool) throws(InputError) -> COCODataset {
        let data = try JSONInput.read(url)
        return try COCODataset(jsonData: data, file: url.path, skippingSegmentations: skippingSegmentations)
    }

    /// Parses a dataset file's bytes; `file` names the input in errors.
    /// - Throws: ``InputError`` for malformed JSON, missing or mistyped fields and impossible values.
    public init(jsonData: Data, file: String?) throws(InputError) {
        try self.init(jsonData: jsonData, file: file, skippingSegmentations: false)
    }

    /// The one parse of a dataset file's bytes behind the public entry points.
    init(jsonData: Data, file: String?, skippingSegmentations: Bool) throws(InputError) {
        self = try JSONInput.withBytes(of: jsonData) { (bytes) throws(InputError) in
            var reader = JSONReader(bytes, file: file)
            reader.skipsSegmentations = skippingSegmentations
            return try reader.readDataset()
        }
    }
}

extension COCOResult {
    /// Reads a results file: a JSON array of detections, as pycocotools' `loadRes` takes.
    /// - Throws: ``InputError`` naming the file, the record and the field.
    public static func loadArray(contentsOf url: URL) throws(InputError) -> [COCOResult] {
        let data = try JSONInput.read(url)
        return try decodeArray(jsonData: data, file: url.path)
    }

    /// Parses a results array; arrays over 1 MB are split at a record boundary and parsed on two
    /// threads (the result and any error reported are the same as a sequential parse).
    /// - Throws: ``InputError`` for malformed JSON, missing or mistyped fields and impossible values.
    public static func decodeArray(jsonData: Data, file: String?) throws(InputError) -> [COCOResult] {
        try JSONInput.withBytes(of: jsonData) { (bytes) throws(InputError) in try JSONReader.readResults(bytes, file: file) }
    }
}

extension ResultColumns {
    /// Reads a results file straight into columns (see ``ResultColumns``). Accepts exactly what
    /// ``COCOResult/loadArray(contentsOf:)`` accepts, with the same errors.
    /// - Throws: ``InputError`` naming the file, the record and the field.
    package static func load(contentsOf url: URL) throws(InputError) -> ResultColumns {
        if let mapped = JSONInput.mapped(url.path) {
            // The text of a 145 MB segm file would otherwise stay resident beside its decoded runs.
            return try ResultColumns(jsonData: mapped, file: url.path, releasingParsedPages: true)
        }
        return try ResultColumns(jsonData: JSONInput.read(url), file: url.path)
    }

    /// Parses a results array into columns, on two threads when it is over 1 MB.
    ///
    /// The fast path declines anything unusual (a parse error included); the record reader
    /// then reads the file, so the records accepted and the error reported are its own.
    ///
    /// With `releasingParsedPages` (only for a read-only file mapping, whose pages read back from
    /// the file), the parser hands the pages it has read back to the OS as it goes.
    package init(jsonData: Data, file: String?, releasingParsedPages: Bool = false) throws(InputError) {
        self = try JSONInput.withBytes(of: jsonData) { (bytes) throws(InputError) in
            if let columns = JSONReader.readResultColumns(bytes, file: file, releasingParsedPages: releasingParsedPages) {
                return columns
            }
            return ResultColumns(try JSONReader.readResults(bytes, file: file))
        }
    }
}

/// File access for the loaders, turning I/O failures into ``InputError``.
enum JSONInput {
    /// `body` on the data's bytes (the readers work on raw UTF-8).
    static func withBytes<Value>(of data: Data, _ body: (UnsafeBufferPointer<UInt8>) throws(InputError) -> Value) throws(InputError) -> Value {
        let parsed: Result<Value, InputError> = data.withUnsafeBytes { raw in
            Result { () throws(InputError) in try body(raw.bindMemory(to: UInt8.self)) }
        }
        return try parsed.get()
    }

    /// The file's bytes, memory-mapped when possible: Foundation's `.mappedIfSafe` reads (copies)
    /// the file on Linux, which for a 145 MB results file costs the copy and a page fault per
    /// 4 KiB of fresh heap. A mapping of the page cache, populated in one call, costs neither.
    static func read(_ url: URL) throws(InputError) -> Data {
        if let mapped = mapped(url.path) { return mapped }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw InputError(file: url.path, message: "cannot read file: \(error.localizedDescription)")
        }
    }

    /// A read-only private mapping of a regular file, or nil (then `Data(contentsOf:)` reads it
    /// and reports any error).
    static func mapped(_ path: String) -> Data? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else { return nil }
        let count = Int(status.st_size)
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let base = mmap(nil, count, PROT_READ, flags, descriptor, 0), base != MAP_FAILED else { return nil }
        return Data(bytesNoCopy: base, count: count, deallocator: .custom { pointer, count in _ = munmap(pointer, count) })
    }
}

/// A forward-only JSON scanner over UTF-8 bytes that knows the COCO schemas.
///
/// Only this type touches raw pointers; every record it returns has passed validation.
struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    private let end: Int
    private let file: String?
    /// The index of the array element being read, for error messages.
    private var record: Int?
    /// The field being read, for error messages.
    private var field: StaticString?
    /// `numbers()`' reusable buffer.
    private var numberScratch: [Double] = []
    /// Whether `bytes` is a private read-only file mapping whose parsed pages may be dropped
    /// (they read back from the file if a fallback parse needs them).
    var releasesParsedPages = false
    /// Whether annotations' `segmentation` values are only checked as JSON, not kept.
    var skipsSegmentations = false

    init(_ bytes: UnsafeBufferPointer<UInt8>, file: String?, start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
        self.file = file
    }

    // MARK: Errors

    private func error(_ message: String) -> InputError {
        InputError(file: file, record: record, field: field.map { "\($0)" }, message: message)
    }

    private func syntaxError(_ expected: String) -> InputError {
        guard position < end else { return error("not JSON: input ends early, expected \(expected)") }
        let byte = bytes[position]
        let shown = byte >= 32 && byte < 127 ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return error("not JSON: expected \(expected) at offset \(position), found \(shown)")
    }

    // MARK: Structure

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    @inline(__always)
    private mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < end ? bytes[position] : nil
    }

    @inline(__always)
    private mutating func expect(_ byte: UInt8, _ name: StaticString) throws(InputError) {
        guard peek() == byte else { throw syntaxError("\(name)") }
        position += 1
    }

    /// Consumes `null` if it is next.
    private mutating func takeNull() throws(InputError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    private mutating func literal(_ word: StaticString) throws(InputError) {
        let count = word.utf8CodeUnitCount
        guard end - position >= count,
              memcmp(bytes.baseAddress! + position, word.utf8Start, count) == 0 else {
            throw syntaxError("a value")
        }
        position += count
    }

    /// Iterates an object's members: `body` is called with each key and must consume its value.
    @inline(__always)
    private mutating func readObject(_ body: (inout JSONReader, JSONKey) throws(InputError) -> Void) throws(InputError) {
        try expect(UInt8(ascii: "{"), "'{' (an object)")
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            guard peek() == UInt8(ascii: "\"") else { throw syntaxError("a key string") }
            let key = try readKey()
            try expect(UInt8(ascii: ":"), "':'")
            try body(&self, key)
            guard let next = peek() else { throw syntaxError("',' or '}'") }
            position += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else {
                position -= 1
                throw syntaxError("',' or '}'")
            }
        }
    }

    /// Iterates an array's elements: `body` is called with each index and must consume the element.
    @inline(__always)
    private mutating func readArray(_ body: (inout JSONReader, Int) throws(InputError) -> Void) throws(InputError) {
        try expect(UInt8(ascii: "["), "'[' (an array)")
        if peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        var index = 0
        while true {
            try body(&self, index)
            index += 1
            guard let next = peek() else { throw syntaxError("',' or ']'") }
            position += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else {
                position -= 1
                throw syntaxError("',' or ']'")
            }
        }
    }

    /// Skips any value (unknown keys).
    private mutating func skipValue(depth: Int = 0) throws(InputError) {
        guard depth < 512 else { throw error("not JSON: nesting deeper than 512") }
        switch peek() {
        case UInt8(ascii: "{"): try readObject { (reader, _) throws(InputError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try readArray { (reader, _) throws(InputError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        // Skipped GT polygons are mostly short decimals: the fast path checks them as `number()` does.
        case let byte? where byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte):
            if shortDecimal() == nil { _ = try readDouble() }
        default: _ = try readDouble()
        }
    }

    // MARK: Scalars

    /// Reads an object key without building a String when it has no escapes (the usual case).
    @inline(__always)
    private mutating func readKey() throws(InputError) -> JSONKey {
        let start = position + 1
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return JSONKey(bytes: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            index += 1
        }
        let decoded = try readString()
        return JSONKey(bytes: nil, decoded: decoded)
    }

    /// Reads a string, decoding escapes (RLE counts contain `\\`).
    private mutating func readString() throws(InputError) -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = position
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw syntaxError("a string character (control characters must be escaped)") }
            position += 1
        }
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < end {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < end else { throw syntaxError("an escape") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // A high surrogate must be followed by an escaped low surrogate.
                        guard end - position >= 6, bytes[position] == UInt8(ascii: "\\"),
                              bytes[position + 1] == UInt8(ascii: "u") else { throw error("not JSON: unpaired surrogate in string") }
                        position += 2
                        let low = try readHex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw error("not JSON: unpaired surrogate in string") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        throw error("not JSON: unpaired surrogate in string")
                    }
                    utf8.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                default:
                    position -= 1
                    throw syntaxError("an escape character")
                }
            default:
                if byte < 0x20 {
                    position -= 1
                    throw syntaxError("a string character (control characters must be escaped)")
                }
                utf8.append(byte)
            }
        }
        throw syntaxError("'\"' closing the string")
    }

    private mutating func readHex4() throws(InputError) -> UInt32 {
        guard end - position >= 4 else { throw syntaxError("4 hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntaxError("a hex digit")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Exact powers of ten, the ones a double holds exactly (Clinger's fast path).
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Skips whitespace and a leading '-': the number's start offset and whether it is negative.
    @inline(__always)
    private mutating func readSign() -> (start: Int, negative: Bool) {
        skipWhitespace()
        let start = position
        guard position < end && bytes[position] == UInt8(ascii: "-") else { return (start, false) }
        position += 1
        return (start, true)
    }

    /// Reads a JSON number as the nearest double (what Foundation's parse gives, bit for bit).
    ///
    /// Fast path (Clinger): a decimal mantissa below 2^53 and a power of ten up to 22 are both
    /// exact doubles, so one multiplication or division rounds correctly. Up to 19 digits and
    /// |exponent| <= 27 go through `extendedDouble`; everything else through `strtod`.
    private mutating func readDouble() throws(InputError) -> Double {
        let (start, negative) = readSign()
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        let integerStart = position
        while position < end, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
            if digits < 19 { mantissa = mantissa * 10 + UInt64(digit) } else { exponent += 1 }
            if mantissa != 0 { digits += 1 }
            position += 1
        }
        let integerDigits = position - integerStart
        guard integerDigits > 0 else {
            position = start
            throw syntaxError("a number")
        }
        guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
            position = integerStart
            throw syntaxError("a number without leading zeros")
        }
        if position < end && bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            while position < end, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(digit)
                    exponent -= 1
                }
                if mantissa != 0 { digits += 1 }
                position += 1
            }
            guard position > fractionStart else { throw syntaxError("a digit after '.'") }
        }
        if position < end && (bytes[position] | 0x20) == UInt8(ascii: "e") {
            position += 1
            var exponentNegative = false
            if position < end && (bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+")) {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            let exponentStart = position
            var explicit = 0
            while position < end, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
                if explicit < 100_000 { explicit = explicit * 10 + Int(digit) }
                position += 1
            }
            guard position > exponentStart else { throw syntaxError("a digit in the exponent") }
            exponent += exponentNegative ? -explicit : explicit
        }
        let value: Double
        if digits <= 19, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
            let base = Double(mantissa)
            let scaled = exponent < 0 ? base / JSONReader.powersOfTen[-exponent] : base * JSONReader.powersOfTen[exponent]
            value = negative ? -scaled : scaled
        } else if mantissa == 0 {
            value = negative ? -0.0 : 0.0
        } else if digits <= 19, exponent >= -27, exponent <= 27, let extended = JSONReader.extendedDouble(mantissa, exponent) {
            value = negative ? -extended : extended
        } else {
            value = slowDouble(from: start, to: position)
        }
        guard value.isFinite else { throw error("number \(text(from: start, to: position)) overflows a double") }
        return value
    }

    /// `mantissa * 10^exponent` through x87 extended precision, for the 17-digit scores that
    /// miss Clinger's fast path: the mantissa and 10^|e| (|e| <= 27) are exact in Float80, so the
    /// quotient or product is rounded once to 64 bits. Rounding that to a double is exact unless
    /// the 64-bit result sits exactly on a double midpoint (low 11 bits 0x400); then `nil`
    /// sends the number to `strtod`.
    @inline(__always)
    private static func extendedDouble(_ mantissa: UInt64, _ exponent: Int) -> Double? {
        #if arch(x86_64) && !os(Windows)
        let base = Float80(mantissa)
        let power = extendedPowersOfTen[abs(exponent)]
        let value = exponent < 0 ? base / power : base * power
        guard value.significandBitPattern & 0x7FF != 0x400 else { return nil }
        return Double(value)
        #else
        return nil
        #endif
    }

    #if arch(x86_64) && !os(Windows)
    /// 10^0 ... 10^27, all exact in Float80 (5^27 < 2^64).
    private static let extendedPowersOfTen: [Float80] = (0...27).map { exponent in
        var value: Float80 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
    #endif

    private func text(from start: Int, to stop: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<Swift.min(stop, start + 40)]), as: UTF8.self)
    }

    /// `strtod` on a NUL-terminated copy of the (already validated) number text.
    private func slowDouble(from start: Int, to stop: Int) -> Double {
        var buffer = [CChar](repeating: 0, count: stop - start + 1)
        for index in start..<stop { buffer[index - start] = CChar(bitPattern: bytes[index]) }
        return strtod(buffer, nil)
    }

    /// Reads an integer; integral numbers written with a fraction or exponent are accepted.
    private mutating func readInt() throws(InputError) -> Int {
        // Fast path: plain decimal digits.
        let (start, negative) = readSign()
        var value = 0
        var overflow = false
        let digitStart = position
        while position < end, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(digit))
            overflow = overflow || o1 || o2
            value = sum
            position += 1
        }
        let next = position < end ? bytes[position] : 0
        if position > digitStart, next != UInt8(ascii: "."), next | 0x20 != UInt8(ascii: "e"),
           position - digitStart == 1 || bytes[digitStart] != UInt8(ascii: "0") {
            guard !overflow else { throw error("integer \(text(from: start, to: position)) out of range") }
            return negative ? -value : value
        }
        position = start
        let number = try readDouble()
        guard number == number.rounded(.towardZero), abs(number) < 9.2e18 else {
            throw error("expected an integer, found \(text(from: start, to: position))")
        }
        return Int(number)
    }

    private mutating func readBool() throws(InputError) -> Bool {
        switch peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw typeError("a boolean")
        }
    }

    private func typeError(_ expected: String) -> InputError {
        guard position < end else { return syntaxError(expected) }
        let found: String
        switch bytes[position] {
        case UInt8(ascii: "{"): found = "an object"
        case UInt8(ascii: "["): found = "an array"
        case UInt8(ascii: "\""): found = "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): found = "a boolean"
        case UInt8(ascii: "n"): found = "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): found = "a number"
        default: return syntaxError(expected)
        }
        return error("expected \(expected), found \(found)")
    }

    // Typed readers that name the expected type when the value has another.

    private mutating func number() throws(InputError) -> Double {
        guard let byte = peek(), byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) else {
            throw typeError("a number")
        }
        if let value = shortDecimal() { return value }
        return try readDouble()
    }

    private mutating func integer() throws(InputError) -> Int {
        guard let byte = peek(), byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) else {
            throw typeError("an integer")
        }
        if let value = shortInteger() { return value }
        return try readInt()
    }

    /// `readDouble`'s result for the common short form `-?digits(.digits)?` with at most 15
    /// digits and no exponent (every coordinate and score of a results file), in one tight loop
    /// over locals; nil, with the position unchanged, for anything else.
    @inline(__always)
    private mutating func shortDecimal() -> Double? {
        let (integerStart, negative) = afterMinus(position)
        var (index, mantissa) = digits(from: integerStart, accumulating: 0)
        let integerDigits = index - integerStart
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        var fractionDigits = 0
        if index < end && bytes[index] == UInt8(ascii: ".") {
            let fractionStart = index + 1
            (index, mantissa) = digits(from: fractionStart, accumulating: mantissa)
            fractionDigits = index - fractionStart
            guard fractionDigits > 0 else { return nil }
        }
        guard integerDigits + fractionDigits <= 15, index == end || bytes[index] | 0x20 != UInt8(ascii: "e") else { return nil }
        position = index
        // Clinger's fast path exactly as `readDouble` takes it: mantissa < 10^15 < 2^53, one
        // correctly rounded division by an exact power of ten.
        let base = Double(mantissa)
        let scaled = fractionDigits == 0 ? base : base / Self.exactPowerOfTen(fractionDigits)
        return negative ? -scaled : scaled
    }

    /// 10^n for n in 1...15, as literals (a static array costs a lazy-initialisation check per
    /// number).
    @inline(__always)
    private static func exactPowerOfTen(_ n: Int) -> Double {
        switch n {
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        default: 1e15
        }
    }

    /// `readInt`'s result for `-?digits` with at most 18 digits (no overflow possible) and no
    /// fraction or exponent; nil, with the position unchanged, for anything else.
    @inline(__always)
    private mutating func shortInteger() -> Int? {
        let (digitStart, negative) = afterMinus(position)
        let (index, magnitude) = digits(from: digitStart, accumulating: 0)
        let count = index - digitStart
        guard count > 0, count <= 18, count == 1 || bytes[digitStart] != UInt8(ascii: "0") else { return nil }
        if index < end, bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") { return nil }
        position = index
        let value = Int(truncatingIfNeeded: magnitude)   // < 10^18 < 2^63
        return negative ? -value : value
    }

    /// Past an optional '-' at `index`, and whether there was one.
    @inline(__always)
    private func afterMinus(_ index: Int) -> (index: Int, negative: Bool) {
        index < end && bytes[index] == UInt8(ascii: "-") ? (index + 1, true) : (index, false)
    }

    /// Where the decimal digits from `start` stop, and `value` with them appended (wrapping:
    /// callers bound the digit count).
    @inline(__always)
    private func digits(from start: Int, accumulating value: UInt64) -> (end: Int, value: UInt64) {
        var (index, value) = (start, value)
        while index < end, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
            value = value &* 10 &+ UInt64(digit)
            index += 1
        }
        return (index, value)
    }

    private mutating func string() throws(InputError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw typeError("a string") }
        return try readString()
    }

    private mutating func numbers() throws(InputError) -> [Double] {
        guard peek() == UInt8(ascii: "[") else { throw typeError("an array of numbers") }
        // Parsed into a buffer reused across arrays, then copied once at the exact size (a
        // growing array reallocated 7 times for a person's 51 keypoint numbers).
        var values = numberScratch
        numberScratch = []
        values.removeAll(keepingCapacity: true)
        try readArray { (reader, _) throws(InputError) in values.append(try reader.number()) }
        let result = values.withUnsafeBufferPointer { Array($0) }   // a copy, not a shared buffer
        numberScratch = values
        return result
    }

    private mutating func integers() throws(InputError) -> [Int] {
        guard peek() == UInt8(ascii: "[") else { throw typeError("an array of integers") }
        var values: [Int] = []
        try readArray { (reader, _) throws(InputError) in values.append(try reader.integer()) }
        return values
    }

    private mutating func strings() throws(InputError) -> [String] {
        guard peek() == UInt8(ascii: "[") else { throw typeError("an array of strings") }
        var values: [String] = []
        try readArray { (reader, _) throws(InputError) in values.append(try reader.string()) }
        return values
    }

    /// `value` unless the JSON holds `null` (optional fields, as `decodeIfPresent`).
    private mutating func optional<T>(_ read: (inout JSONReader) throws(InputError) -> T) throws(InputError) -> T? {
        if try takeNull() { return nil }
        return try read(&self)
    }

    /// Runs `body` with `name` as the field named in errors.
    private mutating func inField<T>(_ name: StaticString, _ body: (inout JSONReader) throws(InputError) -> T) throws(InputError) -> T {
        let saved = field
        field = name
        let value = try body(&self)
        field = saved
        return value
    }

    private func missing(_ name: String) -> InputError {
        InputError(file: file, record: record, field: name, message: "missing required field")
    }

    // MARK: COCO fields

    private mutating func boundingBox() throws(InputError) -> BoundingBox {
        if let box = shortBoundingBox() { return box }
        // Four numbers read in place: no array per box (500k boxes per results file).
        guard peek() == UInt8(ascii: "[") else { throw typeError("an array of numbers") }
        var values: (Double, Double, Double, Double) = (0, 0, 0, 0)
        var count = 0
        try readArray { (r, index) throws(InputError) in
            let value = try r.number()
            switch index {
            case 0: values.0 = value
            case 1: values.1 = value
            case 2: values.2 = value
            case 3: values.3 = value
            default: break
            }
            count = index + 1
        }
        guard count == 4 else { throw error("expected 4 numbers [x, y, width, height], got \(count)") }
        guard values.2 >= 0, values.3 >= 0 else {
            throw error("negative width or height [\(values.2), \(values.3)]")
        }
        return BoundingBox(x: values.0, y: values.1, width: values.2, height: values.3)
    }

    /// The usual box, `[x, y, w, h]` of short decimals with w, h >= 0, without the array
    /// machinery; nil, with the position unchanged, for anything else (then the checked path
    /// reads it or reports what is wrong).
    @inline(__always)
    private mutating func shortBoundingBox() -> BoundingBox? {
        let start = position
        var values: (Double, Double, Double, Double) = (0, 0, 0, 0)
        guard peek() == UInt8(ascii: "[") else { return nil }
        position += 1
        for index in 0..<4 {
            if index > 0 {
                guard peek() == UInt8(ascii: ",") else { position = start; return nil }
                position += 1
            }
            skipWhitespace()
            guard let value = shortDecimal() else { position = start; return nil }
            switch index {
            case 0: values.0 = value
            case 1: values.1 = value
            case 2: values.2 = value
            default: values.3 = value
            }
        }
        guard peek() == UInt8(ascii: "]"), values.2 >= 0, values.3 >= 0 else { position = start; return nil }
        position += 1
        return BoundingBox(x: values.0, y: values.1, width: values.2, height: values.3)
    }

    private mutating func keypoints() throws(InputError) -> [Double] {
        let values = try numbers()
        guard values.count % 3 == 0 else { throw error("\(values.count) numbers is not a multiple of 3 (x, y, v)") }
        return values
    }

    /// Polygons, uncompressed or compressed RLE, validated as `annToRLE` will use them.
    private mutating func segmentation() throws(InputError) -> Segmentation {
        switch peek() {
        case UInt8(ascii: "["):
            var polygons: [[Double]] = []
            try readArray { (reader, _) throws(InputError) in polygons.append(try reader.numbers()) }
            // pycocotools reads a first polygon of exactly 4 numbers as boxes (cocoapi#369).
            let boxes = polygons.first?.count == 4
            for (index, polygon) in polygons.enumerated() {
                if boxes {
                    guard polygon.count == 4 else {
                        throw error("polygon \(index) has \(polygon.count) numbers; after a first polygon of 4 numbers (read as a box [x, y, w, h]) every polygon must be a box")
                    }
                } else if polygon.count < 6 {
                    throw error("polygon \(index) has \(polygon.count) numbers; a polygon needs at least 3 points (6 numbers)")
                }
            }
            return .polygons(polygons)
        case UInt8(ascii: "{"):
            var size: [Int]?
            var uncompressed: [UInt32]?
            var compressed: String?
            var countsSeen = false
            try readObject { (reader, key) throws(InputError) in
                switch key {
                case "size": size = try reader.inField("segmentation.size") { (r) throws(InputError) in try r.integers() }
                case "counts":
                    countsSeen = true
                    try reader.inField("segmentation.counts") { (r) throws(InputError) in
                        if r.peek() == UInt8(ascii: "\"") {
                            compressed = try r.readString()
                        } else {
                            uncompressed = try r.integers().map { (run) throws(InputError) in
                                guard run >= 0, run <= Int(UInt32.max) else { throw r.error("run \(run) outside 0...2^32-1") }
                                return UInt32(run)
                            }
                        }
                    }
                default: try reader.skipValue()
                }
            }
            guard let size else { throw missing("segmentation.size") }
            guard countsSeen else { throw missing("segmentation.counts") }
            guard size.count == 2, size[0] >= 0, size[1] >= 0 else {
                throw InputError(file: file, record: record, field: "segmentation.size",
                                 message: "expected [height, width] of 2 non-negative integers, got \(size)")
            }
            do {
                if let compressed {
                    try RLE.validate(compressedCounts: compressed, height: size[0], width: size[1])
                    return .compressedRLE(height: size[0], width: size[1], counts: compressed)
                }
                let counts = uncompressed ?? []
                _ = try RLE(validatingCounts: counts, height: size[0], width: size[1])
                return .uncompressedRLE(height: size[0], width: size[1], counts: counts)
            } catch {
                throw InputError(file: file, record: record, field: error.field, message: error.message)
            }
        default:
            throw typeError("polygons (an array) or an RLE object")
        }
    }

    // MARK: Records

    private mutating func readImage() throws(InputError) -> COCOImage {
        var id: Int?, width: Int?, height: Int?, fileName: String?, license: Int?
        try readObject { (r, key) throws(InputError) in
            switch key {
            case "id": id = try r.inField("id") { (r) throws(InputError) in try r.integer() }
            case "width": width = try r.inField("width") { (r) throws(InputError) in try r.integer() }
            case "height": height = try r.inField("height") { (r) throws(InputError) in try r.integer() }
            case "file_name": fileName = try r.inField("file_name") { (r) throws(InputError) in try r.optional { (r) throws(InputError) in try r.string() } }
            case "license": license = try r.inField("license") { (r) throws(InputError) in try r.optional { (r) throws(InputError) in try r.integer() } }
            default: try r.skipValue()
            }
        }
        guard let id else { throw missing("id") }
        guard let width else { throw missing("width") }
        guard let height else { throw missing("height") }
        guard width >= 0, height >= 0 else {
            throw InputError(file: file, record: record, field: width < 0 ? "width" : "height", message: "negative image size")
        }
        return COCOImage(id: id, width: width, height: height, fileName: fileName, license: license)
    }

    private mutating func readCategory() throws(InputError) -> COCOCategory {
        var id: Int?, name: String?, supercategory: String?, keypoints: [String]?, skeleton: [[Int]]?
        try readObject { (r, key) throws(InputError) in
            switch key {
            case "id": id = try r.inField("id") { (r) throws(InputError) in try r.integer() }
            case "name": name = try r.inField("name") { (r) throws(InputError) in try r.string() }
            case "supercategory": supercategory = try r.inField("supercategory") { (r) throws(InputError) in try r.optional { (r) throws(InputError) in try r.string() } }
            case "keypoints": keypoints = try r.inField("keypoints") { (r) throws(InputError) in try r.optional { (r) throws(InputError) in try r.strings() } }
            case "skeleton":
                skeleton = try r.inField("skeleton") { (r) throws(InputError) in
                    try r.optional { (r) throws(InputError) in
                        guard r.peek() == UInt8(ascii: "[") else { throw r.typeError("an array of index pairs") }
                        var limbs: [[Int]] = []
                        try r.readArray { (r, _) throws(InputError) in limbs.append(try r.integers()) }
                        return limbs
                    }
                }
            default: try r.skipValue()
            }
        }
        guard let id else { throw missing("id") }
        guard let name else { throw missing("name") }
        return COCOCategory(id: id, name: name, supercategory: supercategory, keypoints: keypoints, skeleton: skeleton)
    }

    /// `name`'s value read by `read`, or nil for JSON null.
    private mutating func optionalField<T>(_ name: StaticString, _ read: (inout JSONReader) throws(InputError) -> T) throws(InputError) -> T? {
        try inField(name) { (r) throws(InputError) in try r.optional(read) }
    }

    /// The fields annotations and results share.
    private struct DetectionFields {
        var imageID: Int?, categoryID: Int?
        var bbox: BoundingBox?, segmentation: Segmentation?, keypoints: [Double]?
    }

    /// Reads `key` into `fields` if it is a shared field; false for any other key.
    private mutating func readDetectionField(_ key: JSONKey, into fields: inout DetectionFields) throws(InputError) -> Bool {
        switch key {
        case "image_id": fields.imageID = try inField("image_id") { (r) throws(InputError) in try r.integer() }
        case "category_id": fields.categoryID = try inField("category_id") { (r) throws(InputError) in try r.integer() }
        case "bbox": fields.bbox = try optionalField("bbox") { (r) throws(InputError) in try r.boundingBox() }
        case "segmentation" where skipsSegmentations: try inField("segmentation") { (r) throws(InputError) in try r.skipValue() }
        case "segmentation": fields.segmentation = try optionalField("segmentation") { (r) throws(InputError) in try r.segmentation() }
        case "keypoints": fields.keypoints = try optionalField("keypoints") { (r) throws(InputError) in try r.keypoints() }
        default: return false
        }
        return true
    }

    private mutating func readAnnotation() throws(InputError) -> COCOAnnotation {
        var id: Int?
        var fields = DetectionFields()
        var annotation = COCOAnnotation(id: 0, imageID: 0, categoryID: 0, isCrowd: nil)
        try readObject { (r, key) throws(InputError) in
            if try r.readDetectionField(key, into: &fields) { return }
            switch key {
            case "id": id = try r.inField("id") { (r) throws(InputError) in try r.integer() }
            case "area": annotation.area = try r.optionalField("area") { (r) throws(InputError) in try r.number() }
            case "iscrowd": annotation.isCrowd = try r.optionalField("iscrowd") { (r) throws(InputError) in try r.integer() }
            case "ignore": annotation.ignore = try r.optionalField("ignore") { (r) throws(InputError) in try r.integer() }
            case "num_keypoints": annotation.numKeypoints = try r.optionalField("num_keypoints") { (r) throws(InputError) in try r.integer() }
            default: try r.skipValue()
            }
        }
        guard let id else { throw missing("id") }
        guard let imageID = fields.imageID else { throw missing("image_id") }
        guard let categoryID = fields.categoryID else { throw missing("category_id") }
        annotation.id = id
        annotation.imageID = imageID
        annotation.categoryID = categoryID
        annotation.bbox = fields.bbox
        annotation.segmentation = fields.segmentation
        annotation.keypoints = fields.keypoints
        return annotation
    }

    private mutating func readResult() throws(InputError) -> COCOResult {
        var score: Double?
        var fields = DetectionFields()
        try readObject { (r, key) throws(InputError) in
            if try r.readDetectionField(key, into: &fields) { return }
            if case "score" = key {
                score = try r.inField("score") { (r) throws(InputError) in try r.number() }
            } else {
                try r.skipValue()
            }
        }
        guard let imageID = fields.imageID else { throw missing("image_id") }
        guard let categoryID = fields.categoryID else { throw missing("category_id") }
        guard let score else { throw missing("score") }
        return COCOResult(imageID: imageID, categoryID: categoryID, score: score, bbox: fields.bbox,
                          segmentation: fields.segmentation, keypoints: fields.keypoints)
    }

    /// Reads an array of records, numbering them for errors from `firstRecord`.
    private mutating func records<T>(_ section: StaticString?, firstRecord: Int = 0,
                                     _ read: (inout JSONReader) throws(InputError) -> T) throws(InputError) -> [T] {
        guard peek() == UInt8(ascii: "[") else {
            field = section
            throw typeError("an array of records")
        }
        var values: [T] = []
        try readArray { (r, index) throws(InputError) in
            r.record = firstRecord + index
            guard r.peek() == UInt8(ascii: "{") else { throw r.typeError("an object") }
            values.append(try read(&r))
            r.record = nil
        }
        return values
    }

    private mutating func expectEnd() throws(InputError) {
        skipWhitespace()
        guard position == end else { throw syntaxError("the end of the input") }
    }

    // MARK: Files

    mutating func readDataset() throws(InputError) -> COCODataset {
        var info: COCOInfo?, licenses: [COCOLicense]?
        var images: [COCOImage]?, annotations: [COCOAnnotation]?, categories: [COCOCategory]?
        guard peek() == UInt8(ascii: "{") else { throw typeError("a dataset object") }
        try readObject { (r, key) throws(InputError) in
            switch key {
            case "images": images = try r.records("images") { (r) throws(InputError) in try r.readImage() }
            case "annotations": annotations = try r.records("annotations") { (r) throws(InputError) in try r.readAnnotation() }
            case "categories": categories = try r.records("categories") { (r) throws(InputError) in try r.readCategory() }
            case "info": info = try r.inField("info") { (r) throws(InputError) in try r.optional { (r) throws(InputError) in try r.readInfo() } }
            case "licenses":
                licenses = try r.inField("licenses") { (r) throws(InputError) in
                    try r.optional { (r) throws(InputError) in try r.records("licenses") { (r) throws(InputError) in try r.readLicense() } }
                }
            default: try r.skipValue()
            }
        }
        try expectEnd()
        guard let images else { throw missing("images") }
        guard let annotations else { throw missing("annotations") }
        guard let categories else { throw missing("categories") }
        return COCODataset(info: info, licenses: licenses, images: images, annotations: annotations, categories: categories)
    }

    private mutating func readInfo() throws(InputError) -> COCOInfo {
        var info = COCOInfo()
        guard peek() == UInt8(ascii: "{") else { throw typeError("an object") }
        try readObject { (r, key) throws(InputError) in
            let text = { (r: inout JSONReader) throws(InputError) -> String? in
                try r.inField("info") { (r) throws(InputError) in try r.optional { (r) throws(InputError) in try r.string() } }
            }
            switch key {
            case "description": info.description = try text(&r)
            case "url": info.url = try text(&r)
            case "version": info.version = try text(&r)
            case "contributor": info.contributor = try text(&r)
            case "date_created": info.dateCreated = try text(&r)
            case "year": info.year = try r.inField("info.year") { (r) throws(InputError) in try r.optional { (r) throws(InputError) in try r.integer() } }
            default: try r.skipValue()
            }
        }
        return info
    }

    private mutating func readLicense() throws(InputError) -> COCOLicense {
        var id: Int?, name: String?, url: String?
        try readObject { (r, key) throws(InputError) in
            switch key {
            case "id": id = try r.inField("id") { (r) throws(InputError) in try r.integer() }
            case "name": name = try r.inField("name") { (r) throws(InputError) in try r.optional { (r) throws(InputError) in try r.string() } }
            case "url": url = try r.inField("url") { (r) throws(InputError) in try r.optional { (r) throws(InputError) in try r.string() } }
            default: try r.skipValue()
            }
        }
        guard let id else { throw missing("id") }
        return COCOLicense(id: id, name: name, url: url)
    }

    /// Parses a results array, in two halves on two threads when it is large.
    static func readResults(_ bytes: UnsafeBufferPointer<UInt8>, file: String?) throws(InputError) -> [COCOResult] {
        var head = JSONReader(bytes, file: file)
        guard head.peek() == UInt8(ascii: "[") else { throw head.typeError("a results array") }
        let sequential = { () throws(InputError) -> [COCOResult] in
            var reader = JSONReader(bytes, file: file)
            let results = try reader.records(nil) { (r) throws(InputError) in try r.readResult() }
            try reader.expectEnd()
            return results
        }
        guard bytes.count > 1 << 20, let split = likelyRecordBoundary(bytes, after: bytes.count / 2) else {
            return try sequential()
        }
        // First half: '[' up to the ',' at `split`, closed as if it were ']'.
        // Second half: from after the ',' to the end, as if opened with '['.
        let parts = ResultHalves(bytes: bytes)
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let bytes = parts.bytes
            if half == 0 {
                var reader = JSONReader(bytes, file: file, start: 0, end: split)
                parts.first = Result { () throws(InputError) in try reader.openRecords(closeAtEnd: true) }
            } else {
                var reader = JSONReader(bytes, file: file, start: split + 1, end: bytes.count)
                parts.second = Result { () throws(InputError) in try reader.openRecords(closeAtEnd: false) }
            }
        }
        // Both halves parsed means the sequential parse reads the same tokens the same way;
        // on any failure, parse sequentially for the canonical result or error (the split may
        // have fallen inside a string of a strange file).
        guard case .success(var first) = parts.first!, case .success(var second) = parts.second! else {
            return try sequential()
        }
        parts.first = nil
        parts.second = nil
        return concatenate(&first, &second)
    }

    /// `first + second`, moving the records instead of copying them (a copy retains every
    /// record's arrays: 8% of the parse). The moved-from slots are refilled with trivial records.
    private static func concatenate(_ first: inout [COCOResult], _ second: inout [COCOResult]) -> [COCOResult] {
        let placeholder = COCOResult(imageID: 0, categoryID: 0, score: 0)
        let total = first.count + second.count
        return [COCOResult](unsafeUninitializedCapacity: total) { buffer, initialized in
            var offset = 0
            for index in 0..<2 {
                let moved = { (source: inout UnsafeMutableBufferPointer<COCOResult>) in
                    guard let base = source.baseAddress, source.count > 0 else { return }
                    (buffer.baseAddress! + offset).moveInitialize(from: base, count: source.count)
                    base.initialize(repeating: placeholder, count: source.count)
                    offset += source.count
                }
                if index == 0 { first.withUnsafeMutableBufferPointer(moved) } else { second.withUnsafeMutableBufferPointer(moved) }
            }
            initialized = total
        }
    }

    /// Reads records separated by commas; the first half starts at '[' and stops at its end,
    /// the second starts after a comma and stops at the closing ']'.
    private mutating func openRecords(closeAtEnd: Bool) throws(InputError) -> [COCOResult] {
        var values: [COCOResult] = []
        values.reserveCapacity((end - position) / 64)
        if closeAtEnd { try expect(UInt8(ascii: "["), "'['") }
        var index = 0
        while true {
            record = index
            guard peek() == UInt8(ascii: "{") else { throw typeError("an object") }
            values.append(try readResult())
            record = nil
            index += 1
            if closeAtEnd && peek() == nil { return values }
            guard let next = peek() else { throw syntaxError("',' or ']'") }
            position += 1
            if next == UInt8(ascii: "]") && !closeAtEnd {
                try expectEnd()
                return values
            }
            guard next == UInt8(ascii: ",") else {
                position -= 1
                throw syntaxError("',' or ']'")
            }
        }
    }

    /// The offset of a ',' that probably separates two records: the first `}` `,` `{` (with
    /// optional whitespace) after `start`. Only a guess (it could sit inside a string), which
    /// the caller verifies by parsing both halves.
    private static func likelyRecordBoundary(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int) -> Int? {
        func skipSpace(_ index: Int, by step: Int) -> Int {
            var index = index
            while index >= 0 && index < bytes.count,
                  bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += step
            }
            return index
        }
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: ",") {
                let before = skipSpace(index - 1, by: -1), after = skipSpace(index + 1, by: 1)
                if before >= 0, after < bytes.count, bytes[before] == UInt8(ascii: "}"), bytes[after] == UInt8(ascii: "{") {
                    return index
                }
            }
            index += 1
        }
        return nil
    }
}

// MARK: - Results as columns

extension JSONReader {
    /// The results array as columns, or nil when the fast path declines (any error, an escape
    /// other than `\\` in a counts string, ...): the caller then uses the record reader.
    static func readResultColumns(_ bytes: UnsafeBufferPointer<UInt8>, file: String?,
                                  releasingParsedPages: Bool = false) -> ResultColumns? {
        var head = JSONReader(bytes, file: file)
        guard head.peek() == UInt8(ascii: "[") else { return nil }
        let open = head.position + 1
        guard bytes.count > 1 << 20, let split = likelyRecordBoundary(bytes, after: bytes.count / 2) else {
            var reader = JSONReader(bytes, file: file, start: open, end: bytes.count)
            reader.releasesParsedPages = releasingParsedPages
            return try? reader.openColumns(closeAtEnd: false, rows: bytes.count / 64)
        }
        let parts = ColumnHalves(bytes: bytes)
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let bytes = parts.bytes
            if half == 0 {
                // Room for the whole file's rows: the second half is appended without a reallocation.
                var reader = JSONReader(bytes, file: file, start: open, end: split)
                reader.releasesParsedPages = releasingParsedPages
                parts.first = try? reader.openColumns(closeAtEnd: true, rows: bytes.count / 64)
            } else {
                var reader = JSONReader(bytes, file: file, start: split + 1, end: bytes.count)
                reader.releasesParsedPages = releasingParsedPages
                parts.second = try? reader.openColumns(closeAtEnd: false, rows: (bytes.count - split) / 64)
            }
        }
        guard var first = parts.first, let second = parts.second else { return nil }
        parts.first = nil
        first.append(second)
        return first
    }

    /// Reads comma-separated records into columns, as ``openRecords(closeAtEnd:)`` reads them
    /// (here the first half starts after the '['); `rows` is the capacity to reserve.
    private mutating func openColumns(closeAtEnd: Bool, rows: Int) throws(InputError) -> ResultColumns {
        var columns = ResultColumns()
        columns.reserve(rows)
        columns.adviseHugePages()
        var failure: InputError?
        // The counts text is shorter than the range it is read from: the arena never grows.
        // Untouched capacity (all of it for a bbox file) is never faulted in.
        let text = [UInt8](unsafeUninitializedCapacity: max(1, end - position)) { buffer, initialized in
            var arena = CountsArena(base: buffer.baseAddress!)
            do throws(InputError) {
                try readRows(into: &columns, arena: &arena, closeAtEnd: closeAtEnd)
            } catch {
                failure = error
            }
            initialized = arena.count
        }
        if let failure { throw failure }
        columns.countsArenas = [text]
        return columns
    }

    private mutating func readRows(into columns: inout ResultColumns, arena: inout CountsArena,
                                   closeAtEnd: Bool) throws(InputError) {
        var released = position
        while true {
            guard peek() == UInt8(ascii: "{") else { throw typeError("an object") }
            try readResultRow(into: &columns, arena: &arena)
            if releasesParsedPages && position - released >= 1 << 22 {
                releasePages(from: released, to: position)
                released = position
            }
            if closeAtEnd && peek() == nil { return }
            guard let next = peek() else { throw syntaxError("',' or ']'") }
            position += 1
            if next == UInt8(ascii: "]") && !closeAtEnd {
                try expectEnd()
                return
            }
            guard next == UInt8(ascii: ",") else { throw syntaxError("',' or ']'") }
        }
    }

    /// One result as ``readResult()`` reads it (same fields, same checks, the last of repeated
    /// keys wins), with a compressed mask checked and its counts text kept in the arena instead
    /// of a string.
    private mutating func readResultRow(into columns: inout ResultColumns, arena: inout CountsArena) throws(InputError) {
        var imageID: Int?, categoryID: Int?, score: Double?
        var box: BoundingBox?, hasKeypoints = false
        var segmentation = ResultColumns.NewSegmentation.none
        let (runsBefore, keypointsBefore) = (arena.count, columns.keypointValues.count)
        try readObject { (r, key) throws(InputError) in
            switch key {
            case "image_id": imageID = try r.integer()
            case "category_id": categoryID = try r.integer()
            case "score": score = try r.number()
            case "bbox": box = try r.optional { (r) throws(InputError) in try r.boundingBox() }
            case "keypoints":
                // Parsed straight into the column (no array per record), checked as keypoints().
                columns.keypointValues.removeSubrange(keypointsBefore...)
                hasKeypoints = false
                if try r.takeNull() { return }
                guard r.peek() == UInt8(ascii: "[") else { throw r.typeError("an array of numbers") }
                // At most one number per two bytes: reserved once, the keypoints never move.
                if columns.keypointValues.capacity == 0 {
                    columns.keypointValues.reserveCapacity((r.end - r.position) / 2)
                    columns.keypointValues.adviseHugePages()
                }
                try r.readArray { (reader, _) throws(InputError) in columns.keypointValues.append(try reader.number()) }
                guard (columns.keypointValues.count - keypointsBefore) % 3 == 0 else { throw r.error("not a multiple of 3 (x, y, v)") }
                hasKeypoints = true
            case "segmentation":
                arena.count = runsBefore
                if try r.takeNull() {
                    segmentation = .none
                } else if let mask = try r.compressedMask(into: &arena) {
                    segmentation = .compressed(mask)
                } else {
                    segmentation = .other(try r.segmentation())
                }
            default: try r.skipValue()
            }
        }
        guard let imageID, let categoryID, let score else { throw missing("image_id, category_id or score") }
        columns.appendRow(imageID: imageID, categoryID: categoryID, score: score, box: box,
                          hasKeypoints: hasKeypoints, segmentation: segmentation)
    }

    /// A compressed RLE `{"size": [h, w], "counts": "..."}`: its text copied into the arena,
    /// then checked as ``RLE/validate(compressedCounts:height:width:)`` checks it. Nil, with the
    /// position and the arena unchanged, for any other form (uncompressed counts, a repeated key,
    /// an unusual escape) or a check that fails: the caller reads those with ``segmentation()``.
    private mutating func compressedMask(into arena: inout CountsArena) throws(InputError) -> ResultColumns.CompressedMask? {
        guard peek() == UInt8(ascii: "{") else { return nil }
        let (saved, textStart) = (position, arena.count)
        // `[h, w]` read into locals: an array per mask was two allocations per result.
        var size: (count: Int, height: Int, width: Int)?
        var copied = false
        var usual = true
        try readObject { (r, key) throws(InputError) in
            switch key {
            case "size" where usual:
                guard r.peek() == UInt8(ascii: "[") else { throw r.typeError("an array of integers") }
                var read = (count: 0, height: 0, width: 0)
                try r.readArray { (reader, index) throws(InputError) in
                    let value = try reader.integer()
                    if index == 0 { read.height = value } else if index == 1 { read.width = value }
                    read.count = index + 1
                }
                size = read
            case "counts" where usual:
                if !copied, r.peek() == UInt8(ascii: "\""), r.copyCountsText(into: &arena) {
                    copied = true
                } else {
                    usual = false
                    try r.skipValue()
                }
            default: try r.skipValue()
            }
        }
        let text = UnsafeBufferPointer(start: arena.base + textStart, count: arena.count - textStart)
        // pycocotools' `rleFrString` with ``RLE/validate(compressedCounts:height:width:)``'s checks.
        guard usual, copied, let size, size.count == 2, size.height >= 0, size.width >= 0,
              case let (pixels, overflow) = size.height.multipliedReportingOverflow(by: size.width),
              !overflow, pixels <= Int(UInt32.max),
              case .success(let decoded) = RLE.decodeCounts(text, pixels: pixels, into: nil) else {
            position = saved
            arena.count = textStart
            return nil
        }
        return ResultColumns.CompressedMask(height: size.height, width: size.width, arena: 0, textStart: textStart,
                                            textCount: text.count, area: decoded.area)
    }

    /// Appends the string at the position to the arena with `\\` unescaped, and moves past it.
    /// False (the position unchanged) for any other escape or an unterminated string.
    ///
    /// The runs are not kept: only about a third of a results file's masks meet a GT of their
    /// pair, and those are decoded again from the text (4 bytes per run here were the largest
    /// allocation of a segm evaluation; the text is 1.2 bytes per run).
    private mutating func copyCountsText(into arena: inout CountsArena) -> Bool {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        let start = position + 1
        guard start < end, let base = bytes.baseAddress,
              let found = memchr(base + start, Int32(quote), end - start) else { return false }
        let stop = start + (UnsafeRawPointer(found) - UnsafeRawPointer(base + start))
        let output = arena.base + arena.count
        // Counts strings rarely hold a backslash: copy them whole.
        if memchr(base + start, Int32(backslash), stop - start) == nil {
            output.initialize(from: base + start, count: stop - start)
            arena.count += stop - start
            position = stop + 1
            return true
        }
        var (index, written) = (start, 0)
        while index < end {
            var byte = bytes[index]
            if byte == quote {
                arena.count += written
                position = index + 1
                return true
            }
            if byte == backslash {
                guard index + 1 < end, bytes[index + 1] == backslash else { return false }
                index += 1
                byte = backslash
            }
            (output + written).initialize(to: byte)
            written += 1
            index += 1
        }
        return false
    }
}

extension JSONReader {
    /// Drops the whole pages of `bytes[start ..< stop]` from the process (`MADV_DONTNEED`):
    /// a page shared with the other half's range reads back from the file if touched again.
    fileprivate func releasePages(from start: Int, to stop: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let base = Int(bitPattern: bytes.baseAddress!)
        let first = (base + start + page - 1) / page * page
        let last = (base + stop) / page * page
        guard last > first, let address = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(address, last - first, Int32(MADV_DONTNEED))
    }
}

extension ResultColumns {
    /// ``Swift/Array/adviseHugePages()`` for every row column, after ``reserve(_:)``.
    fileprivate mutating func adviseHugePages() {
        imageIDs.adviseHugePages()
        categoryIDs.adviseHugePages()
        scores.adviseHugePages()
        boxes.adviseHugePages()
        hasKeypoints.adviseHugePages()
        keypointStart.adviseHugePages()
        segmentations.adviseHugePages()
    }
}

extension Array {
    /// Asks the kernel to back this array's reserved capacity with 2 MB pages: the columns of a
    /// COCO-sized results file (written once by a parse half, then copied when the halves join)
    /// otherwise take a zero-filling page fault per 4 KB, a tenth of an evaluation's CPU time.
    /// Only a hint: without transparent huge pages it changes nothing, and never the values.
    fileprivate mutating func adviseHugePages() {
        let byteCount = capacity * MemoryLayout<Element>.stride
        // Below one huge page there is nothing to gain.
        guard byteCount >= 2 << 20 else { return }
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let first = (Int(bitPattern: base) + page - 1) / page * page
            let last = (Int(bitPattern: base) + byteCount) / page * page
            guard last > first, let address = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(address, last - first, Int32(MADV_HUGEPAGE))
        }
    }
}

/// Counts text kept by one parsing thread, written through a pointer into an array's reserved
/// capacity (copying and checking it is the segm parse's hot spot).
private struct CountsArena {
    let base: UnsafeMutablePointer<UInt8>
    var count = 0
}

/// The two halves' columns (nil: declined), each written by one thread of `concurrentPerform`.
private final class ColumnHalves: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
    var first: ResultColumns?
    var second: ResultColumns?
}

/// An object key: the raw bytes between the quotes, or the decoded text when it had escapes.
/// Matched against the schema's names with `switch` (see `~=`).
struct JSONKey {
    var bytes: UnsafeBufferPointer<UInt8>?
    var decoded: String? = nil

    static func ~= (name: StaticString, key: JSONKey) -> Bool {
        if let bytes = key.bytes {
            return bytes.count == name.utf8CodeUnitCount
                && memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0
        }
        return key.decoded == "\(name)"
    }
}

/// The two halves' outcomes, each written by one thread of `concurrentPerform`.
/// The input is only read, and each half writes its own slot, so sharing is safe.
private final class ResultHalves: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
    var first: Result<[COCOResult], InputError>?
    var second: Result<[COCOResult], InputError>?
}

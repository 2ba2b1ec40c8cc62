/// Gathers an `Encodable` value into a `JSONTree`, as Foundation's `JSONEncoder` does into its own
/// values: the same objects, arrays, numbers and strings, with a number that is not finite as the
/// string `NaN`, `Infinity` or `-Infinity`. Unlike it, a `[String]` is kept whole.
final class JSONTreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    fileprivate var value: JSONTree?

    fileprivate init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    /// The tree of `value`; an encoding that writes nothing is an empty object, as in `JSONEncoder`.
    static func tree<T: Encodable>(of value: T, at codingPath: [any CodingKey] = []) throws -> JSONTree {
        if T.self == String.self { return .string(value as! String) }
        if T.self == [String].self { return .strings(value as! [String]) }
        if T.self == Double.self { return number(value as! Double) }
        if T.self == Int.self { return .number(String(value as! Int)) }
        if T.self == Bool.self { return .bool(value as! Bool) }
        let encoder = JSONTreeEncoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.value ?? .object(JSONObjectBox())
    }

    static func number<F: BinaryFloatingPoint & CustomStringConvertible>(_ x: F) -> JSONTree {
        if x.isNaN { return .string("NaN") }
        if x.isInfinite { return .string(x < 0 ? "-Infinity" : "Infinity") }
        let text = x.description
        return .number(text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(object: object(), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let box)? = value { return UnkeyedContainer(array: box, codingPath: codingPath) }
        let box = JSONArrayBox()
        value = .array(box)
        return UnkeyedContainer(array: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    fileprivate func object() -> JSONObjectBox {
        if case .object(let box)? = value { return box }
        let box = JSONObjectBox()
        value = .object(box)
        return box
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: JSONObjectBox
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { object.fields[key.stringValue] = .null }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.fields[key.stringValue] = .bool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.fields[key.stringValue] = .string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { object.fields[key.stringValue] = JSONTreeEncoder.number(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { object.fields[key.stringValue] = JSONTreeEncoder.number(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.fields[key.stringValue] = try JSONTreeEncoder.tree(of: value, at: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let box: JSONObjectBox
        if case .object(let existing)? = object.fields[key.stringValue] {
            box = existing
        } else {
            box = JSONObjectBox()
            object.fields[key.stringValue] = .object(box)
        }
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: box, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let box: JSONArrayBox
        if case .array(let existing)? = object.fields[key.stringValue] {
            box = existing
        } else {
            box = JSONArrayBox()
            object.fields[key.stringValue] = .array(box)
        }
        return UnkeyedContainer(array: box, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    /// An encoder whose object is the field `name` of this one (only objects are kept this way).
    private func superEncoder(named name: String) -> any Encoder {
        let encoder = JSONTreeEncoder(codingPath: codingPath)
        object.fields[name] = .object(encoder.object())
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let array: JSONArrayBox
    let codingPath: [any CodingKey]
    var count: Int { array.items.count }

    private var key: IndexKey { IndexKey(intValue: array.items.count) }

    mutating func encodeNil() throws { array.items.append(.null) }
    mutating func encode(_ value: Bool) throws { array.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { array.items.append(JSONTreeEncoder.number(value)) }
    mutating func encode(_ value: Float) throws { array.items.append(JSONTreeEncoder.number(value)) }
    mutating func encode(_ value: Int) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { array.items.append(.number(String(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try JSONTreeEncoder.tree(of: value, at: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let box = JSONObjectBox(), path = codingPath + [key]
        array.items.append(.object(box))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: box, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let box = JSONArrayBox(), path = codingPath + [key]
        array.items.append(.array(box))
        return UnkeyedContainer(array: box, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = JSONTreeEncoder(codingPath: codingPath + [key])
        array.items.append(.object(encoder.object()))
        return encoder
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.value = .null }
    mutating func encode(_ value: Bool) throws { encoder.value = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.value = .string(value) }
    mutating func encode(_ value: Double) throws { encoder.value = JSONTreeEncoder.number(value) }
    mutating func encode(_ value: Float) throws { encoder.value = JSONTreeEncoder.number(value) }
    mutating func encode(_ value: Int) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Int8) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Int16) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Int32) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Int64) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.value = .number(String(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.value = try JSONTreeEncoder.tree(of: value, at: codingPath)
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue!)" }

    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

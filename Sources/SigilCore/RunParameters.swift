import Foundation

/// The `parameters` of `run.json` from a typed `Encodable` value, one `"key": "text"` entry per
/// stored property (`CodingKeys` give the names, e.g. `"max-ref-mismatch"`).
///
/// Text forms: `String` as is; `Bool` `true`/`false`; integers in decimal; `Double` as Swift
/// prints it (`0.05`, `2000.0`); `Number` in sigil's shortest form (`NumberFormatting.format`);
/// `nil` optionals are left out; a `[String: String]` or a nested `Encodable` value is flattened
/// into the same table (later keys win), so shared groups (reference options, restart settings)
/// are written once.
///
/// ```swift
/// struct FitParameters: Encodable { var bootstrap: Int; var method: String }
/// let table = try RunParameters.table(FitParameters(bootstrap: 100, method: "likelihood"))
/// // ["bootstrap": "100", "method": "likelihood"]
/// ```
public enum RunParameters {
  /// A number written in sigil's shortest round-trip form (`NumberFormatting.format`), e.g. `0.001`, `1`.
  public struct Number: Encodable, Sendable {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public func encode(to encoder: Encoder) throws {
      var c = encoder.singleValueContainer()
      try c.encode(NumberFormatting.format(value))
    }
  }

  /// The flattened table of `value`.
  public static func table(_ value: some Encodable) throws -> [String: String] {
    let storage = Storage()
    try value.encode(to: FlatEncoder(storage: storage, key: nil))
    return storage.table
  }

  final class Storage {
    var table: [String: String] = [:]
  }

  /// Walks the value; keyed containers write into the shared table, single values under `key`.
  struct FlatEncoder: Encoder {
    let storage: Storage
    let key: String?
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      KeyedEncodingContainer(Keyed<Key>(storage: storage))
    }
    func unkeyedContainer() -> UnkeyedEncodingContainer { fatalError("run.json parameters are flat: no lists") }
    func singleValueContainer() -> SingleValueEncodingContainer { Single(storage: storage, key: key) }
  }

  struct Single: SingleValueEncodingContainer {
    let storage: Storage
    let key: String?
    var codingPath: [CodingKey] { [] }
    mutating func encodeNil() throws {}
    mutating func encode<T: Encodable>(_ value: T) throws {
      guard let key else { return try value.encode(to: FlatEncoder(storage: storage, key: nil)) }
      storage.table[key] = try RunParameters.text(value, storage: storage, key: key)
    }
  }

  struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: Storage
    var codingPath: [CodingKey] { [] }
    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
      if let text = try RunParameters.text(value, storage: storage, key: key.stringValue) { storage.table[key.stringValue] = text }
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
      KeyedEncodingContainer(Keyed<N>(storage: storage))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer { fatalError("run.json parameters are flat: no lists") }
    mutating func superEncoder() -> Encoder { FlatEncoder(storage: storage, key: nil) }
    mutating func superEncoder(forKey key: Key) -> Encoder { FlatEncoder(storage: storage, key: nil) }
  }

  /// The text of a leaf value, or nil after flattening a group into the table.
  static func text<T: Encodable>(_ value: T, storage: Storage, key: String) throws -> String? {
    switch value {
    case let v as String: return v
    case let v as Bool: return String(v)
    case let v as Int: return String(v)
    case let v as UInt64: return String(v)
    case let v as Double: return "\(v)"
    case let v as Number: return NumberFormatting.format(v.value)
    case let v as [String: String]:
      storage.table.merge(v) { $1 }
      return nil
    default:
      try value.encode(to: FlatEncoder(storage: storage, key: key))
      return nil
    }
  }
}

extension RunManifest {
  /// A manifest whose parameters come from a typed value (`RunParameters.table`).
  public init(command: String, argv: [String] = CommandLine.arguments, seed: UInt64?, typedParameters: some Encodable,
              inputs: [String], libraries: [String: String], warnings: [String] = []) throws {
    try self.init(command: command, argv: argv, seed: seed, parameters: try RunParameters.table(typedParameters),
                  inputs: inputs, libraries: libraries, warnings: warnings)
  }
}

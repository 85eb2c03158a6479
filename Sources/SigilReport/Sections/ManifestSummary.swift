import Foundation

/// The parts of a `run.json` the report shows, read leniently.
///
/// Read as generic JSON rather than as `RunManifest`, so a manifest with extra keys (a stage's
/// own fields, a `warnings` list) or from an older version still renders. Parameters, libraries
/// and other keys are sorted by name, so the report does not depend on key order.
public struct ManifestSummary: Equatable, Sendable {
  public var command: String?
  public var version: String?
  public var argv: [String]
  public var seed: String?
  /// `parameters`, sorted by name, values as text.
  public var parameters: [(name: String, value: String)]
  /// `inputs`: path and sha256.
  public var inputs: [(path: String, sha256: String)]
  /// `libraries`, sorted by name.
  public var libraries: [(name: String, value: String)]
  /// `warnings`, when a stage recorded any.
  public var warnings: [String]
  /// Any other top-level key with a scalar or list value, sorted by name.
  public var other: [(name: String, value: String)]

  public static func == (a: ManifestSummary, b: ManifestSummary) -> Bool {
    a.command == b.command && a.version == b.version && a.argv == b.argv && a.seed == b.seed
      && a.parameters.map { [$0.name, $0.value] } == b.parameters.map { [$0.name, $0.value] }
      && a.inputs.map { [$0.path, $0.sha256] } == b.inputs.map { [$0.path, $0.sha256] }
      && a.libraries.map { [$0.name, $0.value] } == b.libraries.map { [$0.name, $0.value] }
      && a.warnings == b.warnings && a.other.map { [$0.name, $0.value] } == b.other.map { [$0.name, $0.value] }
  }

  /// Reads and summarises a `run.json`.
  /// - Throws: `ReportError.cannotRead` when unreadable, `.invalidTable` when not a JSON object.
  public static func read(path: String) throws -> ManifestSummary {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ReportError.cannotRead(path: path, reason: "not readable")
    }
    guard case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
      throw ReportError.invalidTable(path: path, reason: "not a JSON object")
    }
    return ManifestSummary(json: object)
  }

  /// Summarises a decoded JSON object.
  init(json: [String: JSONValue]) {
    command = json["command"]?.text
    version = json["version"]?.text
    argv = json["argv"]?.array?.map(\.text) ?? []
    seed = json["seed"].flatMap { $0 == .null ? nil : $0.text }
    parameters = Self.pairs(json["parameters"])
    libraries = Self.pairs(json["libraries"])
    inputs = (json["inputs"]?.array ?? []).compactMap { item in
      guard case let .object(d) = item else { return nil }
      return (d["path"]?.text ?? "", d["sha256"]?.text ?? "")
    }
    warnings = (json["warnings"]?.array ?? []).map(\.text)
    let known: Set<String> = ["command", "version", "argv", "seed", "parameters", "libraries", "inputs", "warnings", "tool"]
    other = json.keys.filter { !known.contains($0) }.sorted().map { ($0, json[$0]!.text) }
  }

  private static func pairs(_ value: JSONValue?) -> [(name: String, value: String)] {
    guard case let .object(d)? = value else { return [] }
    return d.keys.sorted().map { ($0, d[$0]!.text) }
  }
}

/// A JSON value, decoded strictly (a `true` stays a Boolean, `1` stays a number).
enum JSONValue: Decodable, Equatable, Sendable {
  case null, bool(Bool), integer(Int64), unsigned(UInt64), number(Double), string(String)
  case array([JSONValue]), object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() { self = .null }
    else if let b = try? c.decode(Bool.self) { self = .bool(b) }
    else if let i = try? c.decode(Int64.self) { self = .integer(i) }
    else if let u = try? c.decode(UInt64.self) { self = .unsigned(u) }
    else if let d = try? c.decode(Double.self) { self = .number(d) }
    else if let s = try? c.decode(String.self) { self = .string(s) }
    else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
    else { self = .object(try c.decode([String: JSONValue].self)) }
  }

  /// The elements when this is an array.
  var array: [JSONValue]? { if case let .array(a) = self { return a } else { return nil } }

  /// The value as one line of text (lists joined by spaces, objects as sorted `key=value`).
  var text: String {
    switch self {
    case .null: return "null"
    case let .bool(b): return b ? "true" : "false"
    case let .integer(i): return String(i)
    case let .unsigned(u): return String(u)
    case let .number(d): return d.description
    case let .string(s): return s
    case let .array(a): return a.map(\.text).joined(separator: " ")
    case let .object(d): return d.keys.sorted().map { "\($0)=\(d[$0]!.text)" }.joined(separator: ", ")
    }
  }
}

import Foundation

/// A run's output folder, written as one unit: complete or not there at all.
///
/// Every file goes into a hidden sibling folder `.<name>.sigil-tmp-<host>-<pid>`, which is renamed
/// to `path` only when the run has written everything. An existing folder at `path` is replaced
/// whole at that moment (so no file of an earlier run survives next to the new ones); it must be
/// empty or an earlier sigil output folder (it holds `run.json`), and no input may lie inside it.
/// On any error the temporary folder is removed; a folder left by a killed run (its process is
/// gone) is removed by the next run that writes next to it.
///
/// ```swift
/// let folder = try OutputFolder(path: "out", inputs: [catalogPath])
/// try folder.publish { staging in
///   try AtomicFile.write(text, to: staging.file("signatures.tsv"))
/// }
/// ```
public struct OutputFolder: Sendable {
  /// The folder as the user gave it (`-o`), without trailing slashes.
  public let path: String
  /// The hidden sibling folder the run writes into.
  public let stagingPath: String

  /// Checks `path` and removes what killed runs left next to it.
  /// - Throws: `OutputFolderError` when `path` cannot be an output folder (a usage error).
  public init(path given: String, inputs: [String] = []) throws {
    var trimmed = given
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    let name = trimmed == "/" ? "/" : PathParts.name(of: trimmed)
    guard !trimmed.isEmpty, trimmed != "-", name != ".", name != "..", name != "/" else {
      throw OutputFolderError.notAFolderName(given)
    }
    path = trimmed
    let parent = PathParts.folder(of: trimmed)
    let tag = "\(Self.hostName)-\(getpid())"
    stagingPath = (parent as NSString).appendingPathComponent(".\(name).sigil-tmp-\(tag)")
    try Self.checkExisting(trimmed, inputs: inputs)
    Self.removeLeftovers(in: parent.isEmpty ? "." : parent)
  }

  /// The path of `name` inside the folder being written.
  public func file(_ name: String) -> String { (stagingPath as NSString).appendingPathComponent(name) }

  /// The path `name` will have once the folder is in place, for messages.
  public func finalFile(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

  /// Creates the staging folder, runs `body` on it and moves the result into place; on any error
  /// the staging folder is removed and the error rethrown, leaving `path` as it was.
  public func publish<T>(_ body: (OutputFolder) throws -> T) throws -> T {
    try? FileManager.default.removeItem(atPath: stagingPath)
    try AtomicFile.makeDirectory(stagingPath)
    let handlers = Self.removeOnSignal(stagingPath)
    defer { Self.restoreSignals(handlers) }
    do {
      let value = try body(self)
      try commit()
      return value
    } catch {
      discard()
      // Name the folder the user gave, not the temporary one that no longer exists.
      let text = "\(error)"
      if text.contains(stagingPath) { throw OutputFolderError.failed(text.replacingOccurrences(of: stagingPath, with: path)) }
      throw error
    }
  }

  /// While the folder is written, SIGINT, SIGTERM and SIGHUP (Ctrl-C, a scheduler's kill) remove
  /// the staging folder before the process ends by the signal as it would have; SIGKILL cannot be
  /// caught, and what it leaves is removed by the next run (`removeLeftovers`).
  private static func removeOnSignal(_ staging: String) -> [DispatchSourceSignal] {
    [SIGINT, SIGTERM, SIGHUP].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        try? FileManager.default.removeItem(atPath: staging)
        signal(number, SIG_DFL)
        kill(getpid(), number)
      }
      source.resume()
      return source
    }
  }

  private static func restoreSignals(_ sources: [DispatchSourceSignal]) {
    for source in sources { source.cancel() }
    for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) }
  }

  /// Removes the staging folder.
  public func discard() { try? FileManager.default.removeItem(atPath: stagingPath) }

  /// Renames the staging folder to `path`, replacing a folder already there.
  private func commit() throws {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
      // Move the old folder aside first: rename(2) cannot replace a non-empty folder.
      let old = stagingPath.replacingOccurrences(of: ".sigil-tmp-", with: ".sigil-old-")
      guard rename(path, old) == 0 else { throw TableFormatError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
      guard rename(stagingPath, path) == 0 else {
        let reason = String(cString: strerror(errno))
        _ = rename(old, path)
        throw TableFormatError.cannotWrite(path: path, reason: reason)
      }
      try? fm.removeItem(atPath: old)
    } else {
      try AtomicFile.makeDirectory(PathParts.folderOrCurrent(of: path))
      guard rename(stagingPath, path) == 0 else { throw TableFormatError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }
  }

  /// An existing `path` must be a folder that is empty or holds an earlier run (`run.json`), and
  /// must not contain an input of this run.
  private static func checkExisting(_ path: String, inputs: [String]) throws {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
    guard isDirectory.boolValue else { throw OutputFolderError.notADirectory(path) }
    let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
    guard entries.isEmpty || entries.contains("run.json") else { throw OutputFolderError.notSigilFolder(path) }
    let folder = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path + "/"
    for input in inputs where input != "-" {
      let full = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
      if full.hasPrefix(folder) || full + "/" == folder { throw OutputFolderError.inputInside(input: input, folder: path) }
    }
  }

  /// Removes `.*.sigil-tmp-<host>-<pid>` and `.sigil-old-` folders in `directory` whose process
  /// (on this host) is gone: what a killed run left.
  static func removeLeftovers(in directory: String) {
    let fm = FileManager.default
    guard let entries = try? fm.contentsOfDirectory(atPath: directory) else { return }
    for entry in entries where entry.hasPrefix(".") {
      for marker in [".sigil-tmp-", ".sigil-old-"] {
        guard let range = entry.range(of: marker, options: .backwards) else { continue }
        let tag = entry[range.upperBound...]
        guard tag.hasPrefix("\(hostName)-"), let pid = Int32(tag.dropFirst(hostName.count + 1)) else { continue }
        if kill(pid, 0) != 0 && errno == ESRCH {
          try? fm.removeItem(atPath: (directory as NSString).appendingPathComponent(entry))
        }
      }
    }
  }

  /// This machine's name, so a run never removes a folder another machine is writing (shared disks).
  public static let hostName: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, 255) == 0 else { return "host" }
    let full = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let name = full.split(separator: ".").first.map(String.init) ?? "host"
    return name.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: "/", with: "_")
  }()
}

/// Why `-o` cannot be used as an output folder (usage errors).
public enum OutputFolderError: Error, Equatable, CustomStringConvertible, Sendable {
  case notAFolderName(String)
  case notADirectory(String)
  case notSigilFolder(String)
  case inputInside(input: String, folder: String)
  /// A run error whose message named the temporary folder, reworded with `-o` (a data or I/O error).
  case failed(String)

  public var description: String {
    switch self {
    case let .notAFolderName(p):
      return "-o '\(p)' is not a folder name sigil can create (give e.g. -o out/)"
    case let .notADirectory(p):
      return "-o \(p) exists and is not a folder"
    case let .notSigilFolder(p):
      return "-o \(p) exists, is not empty and holds no run.json: sigil replaces the output folder whole, so give a new or empty folder"
    case let .inputInside(input, folder):
      return "input \(input) lies inside -o \(folder), which this run would replace; give another output folder"
    case let .failed(message):
      return message
    }
  }
}

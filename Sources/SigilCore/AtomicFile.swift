import Foundation

/// Writes files so that a failed run never leaves a half-written output.
///
/// The content goes to a hidden temporary file in the destination folder, which is then renamed
/// over the destination (`rename(2)` is atomic within a file system).
public enum AtomicFile {
  /// Writes `text` to `path` atomically; `-` writes to standard output.
  /// - Throws: `TableFormatError.cannotWrite` naming the path.
  public static func write(_ text: String, to path: String) throws {
    if path == "-" {
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    do {
      try Data(text.utf8).write(to: temporary)
      if rename(temporary.path, url.path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw TableFormatError.cannotWrite(path: path, reason: reason)
      }
    } catch let error as TableFormatError {
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw TableFormatError.cannotWrite(path: path, reason: (error as NSError).localizedDescription)
    }
  }

  /// Creates `directory` (and parents) if needed.
  /// - Throws: `TableFormatError.cannotWrite` naming the folder.
  public static func makeDirectory(_ directory: String) throws {
    do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
      throw TableFormatError.cannotWrite(path: directory, reason: (error as NSError).localizedDescription)
    }
  }
}

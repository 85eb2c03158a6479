import Foundation
import SigilCore

/// A built report: the HTML page, its figures and the warnings found while reading the folder.
public struct Report: Sendable {
  /// The kind of folder the report describes.
  public let kind: ReportFolder.Kind
  /// The complete `report.html` text.
  public let html: String
  /// Figures, each written as `figures/<fileName>` next to the report.
  public let figures: [Figure]
  /// Problems worth a look (unreadable optional files, possibly novel signatures, poor fits);
  /// also listed at the top of the page.
  public let warnings: [String]
  /// The warnings about files that could not be read (a subset of `warnings`).
  public var unreadable: [String] = []
}

/// Settings of a report; the defaults suit the files sigil writes.
public struct ReportOptions: Sendable {
  /// A signature table to draw reference profiles from; nil resolves it from `run.json`
  /// (`signatures`, else `reference`/`genome`/`exome` through `ReferenceData`).
  public var referenceTable: String?
  /// At most this many per-sample catalog profiles are drawn (count folders).
  public var maxSampleProfiles: Int
  /// Samples whose reconstruction cosine is below this are flagged in the fit-quality table.
  public var lowCosine: Double
  /// For a reference_match.tsv without a `novel` column (not sigil's): signatures whose best
  /// reference cosine is below this are flagged as possibly novel
  /// (SigProfilerExtractor's threshold).
  public var novelCosine: Double
  /// The folder path to show on the page when the report is built in a folder still being
  /// written (`OutputFolder`); nil shows the path given.
  public var shownPath: String?
  /// Samples to draw panels (fit, extract) or profiles (count) for, besides those drawn anyway
  /// (`sigil report --sample`); each must be a sample of the folder (`ReportError.unknownSamples`).
  public var samples: [String]
  /// The catalog an extract folder was computed from, for its per-sample panels; nil looks for
  /// the input `run.json` records.
  public var catalog: String?

  public init(referenceTable: String? = nil, maxSampleProfiles: Int = 50, lowCosine: Double = 0.9, novelCosine: Double = 0.8,
              shownPath: String? = nil, samples: [String] = [], catalog: String? = nil) {
    self.shownPath = shownPath
    self.samples = samples
    self.catalog = catalog
    self.referenceTable = referenceTable
    self.maxSampleProfiles = maxSampleProfiles
    self.lowCosine = lowCosine
    self.novelCosine = novelCosine
  }
}

/// Builds `report.html` and its SVG figures from the files of a sigil output folder.
///
/// It reads what `count`, `extract` or `fit` wrote and draws it; it computes no statistics
/// (cosines, ranks and intervals are read from the tables). Missing optional files are skipped;
/// an optional file that cannot be parsed becomes a warning rather than a failure, so a report
/// is still produced. The output is deterministic: the same folder gives the same bytes.
///
/// ```swift
/// let report = try ReportBuilder.build(folder: "extract-out")
/// print(report.html.count, report.figures.map(\.fileName), report.warnings)
/// ```
public enum ReportBuilder {
  /// Builds the report of `folder`.
  /// - Throws: `ReportError.notAFolder`, `.unrecognisedFolder`, `.unknownSamples` (a name in
  ///   `options.samples` that is not a sample of the folder), `.cannotRead` (the catalog given as
  ///   `options.catalog`).
  public static func build(folder path: String, options: ReportOptions = ReportOptions()) throws -> Report {
    let folder = try ReportFolder(path: path, shownPath: options.shownPath)
    try SampleNames.check(options.samples, in: folder)
    if let catalog = options.catalog, !FileManager.default.fileExists(atPath: catalog) {
      throw ReportError.cannotRead(path: catalog, reason: "no such file (--catalog)")
    }
    var report = ReportAssembly()
    for message in folder.manifest?.warnings ?? [] { report.warn(message) }
    if let file = folder.file("warnings.txt"), let text = FileManager.default.contents(atPath: file) {
      for line in String(decoding: text, as: UTF8.self).split(whereSeparator: \.isNewline) where !line.isEmpty {
        report.warn(String(line))
      }
    }
    if folder.file("run.json") != nil && folder.manifest == nil {
      report.warn("run.json: could not be read as JSON; run parameters are not shown")
    }
    var context = SectionContext(folder: folder, options: options)
    switch folder.kind {
    case .extract: ExtractSections.add(to: &report, context: &context)
    case .fit: FitSections.add(to: &report, context: &context)
    case .count: CountSections.add(to: &report, context: &context)
    case .attribute: AttributionSection.add(to: &report, context: &context)
    }
    RunSection.add(to: &report, folder: folder)
    let warningBody: String
    if report.warnings.isEmpty {
      warningBody = "<p class=\"ok\">No warnings.</p>\n"
    } else {
      warningBody = "<ul class=\"warnings\">\n" + report.warnings.map { "<li>\(HTMLPage.escape($0))</li>\n" }.joined() + "</ul>\n"
    }
    // Warnings go first so nobody misses them.
    report.sections.insert(("warnings", "Warnings (\(report.warnings.count))", warningBody), at: 0)
    let html = HTMLPage.page(
      title: "sigil \(folder.kind.rawValue) report: \(folder.displayName)",
      subtitle: RunSection.headerLines(folder: folder), summary: report.summary,
      sections: report.sections,
      footer: "Made by sigil \(HTMLPage.escape(SigilVersion.current)) from the files in this folder "
        + "(<code>sigil report DIR</code> rebuilds it). Self-contained: no network, no JavaScript. "
        + "Figures are also in <code>figures/</code> as SVG files.")
    var built = Report(kind: folder.kind, html: html, figures: report.figures, warnings: report.warnings)
    built.unreadable = report.unreadable
    return built
  }
}

/// What the section builders share: the folder, the options, and the lazily loaded reference set.
struct SectionContext {
  let folder: ReportFolder
  let options: ReportOptions
  private var references: [MutationClass: Result<SignatureSet, ReportError>] = [:]

  init(folder: ReportFolder, options: ReportOptions) {
    self.folder = folder
    self.options = options
  }

  /// Reads a text table, turning a failure into a warning; nil when absent or unreadable.
  func table(_ name: String, into report: inout ReportAssembly) -> TextTable? {
    guard let path = folder.file(name) else { return nil }
    do { return try TextTable.read(path: path) } catch {
      report.unreadableFile("\(error); skipped")
      return nil
    }
  }

  /// Reads an optional file with a SigilCore reader, turning a failure into a warning.
  func load<T>(_ name: String, into report: inout ReportAssembly, _ reader: (String) throws -> T) -> T? {
    guard let path = folder.file(name) else { return nil }
    do { return try reader(path) } catch {
      report.unreadableFile("\(error); skipped")
      return nil
    }
  }

  /// The reference signatures to compare de novo signatures of class `cls` with.
  mutating func referenceSet(for cls: MutationClass) -> Result<SignatureSet, ReportError> {
    if let cached = references[cls] { return cached }
    let result: Result<SignatureSet, ReportError>
    do {
      let path = try referencePath(for: cls)
      result = .success(try SignatureSet.read(path: path, expected: cls))
    } catch {
      result = .failure(.referenceUnavailable(reason: "\(error)"))
    }
    references[cls] = result
    return result
  }

  /// The catalog an extract folder was computed from: `options.catalog`, else the first input of
  /// `run.json`, if it is a catalog of class `cls` (the later inputs are the reference table and
  /// opportunity files, one of which is catalog-shaped; a restart-block folder stands for its
  /// `restarts/catalog.tsv`), read as recorded and, when relative, also from the folder's parent.
  /// A recorded sha256 must match, so a catalog changed since the run is not drawn as its input.
  /// - Returns: The catalog, or why none was found (for a note on the page).
  func inputCatalog(for cls: MutationClass) -> Result<MutationCatalog, ReportError> {
    if let path = options.catalog {
      do { return .success(try MutationCatalog.read(path: path, expected: cls)) } catch {
        return .failure(.cannotRead(path: path, reason: "\(error)"))
      }
    }
    let inputs = (folder.manifest?.inputs ?? []).prefix(1)
    guard !inputs.isEmpty else { return .failure(.cannotRead(path: "run.json", reason: "it records no input catalog")) }
    var reasons: [String] = []
    for input in inputs {
      var candidates = [input.path]
      if !input.path.hasPrefix("/") {
        let parent = PathParts.folderOrCurrent(of: folder.path)
        candidates.append((parent == "/" ? "" : parent) + "/" + input.path)
      }
      for candidate in candidates {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { continue }
        let file = isDirectory.boolValue ? (candidate as NSString).appendingPathComponent("restarts/catalog.tsv") : candidate
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        if !isDirectory.boolValue, !input.sha256.isEmpty {
          var hash = SHA256()
          hash.update(data)
          guard hash.hexDigest() == input.sha256 else {
            reasons.append("\(candidate) has changed since the run (sha256 differs from run.json)")
            continue
          }
        }
        if let catalog = try? MutationCatalog.read(path: file, expected: cls) { return .success(catalog) }
      }
    }
    let recorded = inputs.map(\.path).joined(separator: ", ")
    return .failure(.cannotRead(path: recorded, reason: reasons.first ?? "not found from here (run.json's inputs)"))
  }

  private func referencePath(for cls: MutationClass) throws -> String {
    if let table = options.referenceTable { return table }
    let parameters = Dictionary(folder.manifest?.parameters.map { ($0.name, $0.value) } ?? [], uniquingKeysWith: { a, _ in a })
    for key in ["signatures", "reference-signatures"] {
      if let path = parameters[key], !path.isEmpty, path != "nil" { return path }
    }
    let version = parameters["reference"].flatMap { ReferenceData.versions.contains($0) ? $0 : nil } ?? "cosmic-v3.4"
    let genome = parameters["genome"].flatMap { ReferenceData.genomes.contains($0) ? $0 : nil } ?? "GRCh37"
    let exome = parameters["exome"] == "true"
    return try ReferenceData.path(version: version, mutationClass: cls, genome: genome, exome: exome)
  }
}

/// The colours of sigil's figures.
///
/// SBS96, DBS78 and ID83 colours are the ones COSMIC and SigProfilerPlotting use, so profiles look
/// like the ones analysts already know. Signature colours come from `SignatureColors`: the
/// signatures a page shows get the 20-colour categorical list (Tableau 10, then its light
/// variants) in order, and any beyond 20 get further distinct hues, so no two share a colour.
public enum Palette {
  /// Colours of the six substitution classes C>A, C>G, C>T, T>A, T>C, T>G (COSMIC).
  public static let sbsClasses = ["#1EBFF0", "#050708", "#E62725", "#CBCACB", "#A1CE63", "#EDC8C5"]

  /// DBS78 reference dinucleotides in COSMIC order.
  public static let dbsGroups = ["AC", "AT", "CC", "CG", "CT", "GC", "TA", "TC", "TG", "TT"]
  /// The colour of each `dbsGroups` block (SigProfilerPlotting).
  public static let dbsColors = ["#03BDEF", "#0366CC", "#A2CF63", "#016601", "#FF9999",
                                 "#E42926", "#FFB266", "#FF8001", "#CC99FF", "#4C0199"]

  /// The colours of the 16 ID83 blocks, left to right (SigProfilerPlotting's RGB values, which
  /// COSMIC's indel plots use): 1bp deletion C, T; 1bp insertion C, T; deletion at repeats of
  /// length 2, 3, 4, 5+ (light to dark red); insertion at repeats 2-5+ (light to dark blue);
  /// microhomology deletions 2-5+ (light to dark purple).
  public static let idColors = ["#FDBE6F", "#FF8002", "#B0DD8B", "#36A12E",
                                "#FDCAB5", "#FC8A6A", "#F14432", "#BC191A",
                                "#D0E1F2", "#94C4DF", "#4A98C9", "#1764AB",
                                "#E2E2EF", "#B6B6D8", "#8683BD", "#62409B"]

  /// The categorical colours for signatures, in assignment order.
  public static let categorical = [
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
    "#9C755F", "#BAB0AC", "#A0CBE8", "#FFBE7D", "#FF9D9A", "#86BCB6", "#8CD17D", "#F1CE63",
    "#D4A6C8", "#FABFD2", "#D7B5A6", "#79706E",
  ]

  /// The colour of the `index`-th signature shown: `categorical` first, then distinct
  /// golden-angle hues (no repeat below index 400; COSMIC v3.4 has 86 SBS signatures).
  public static func signature(_ index: Int) -> String {
    if index < categorical.count { return categorical[index] }
    // Golden-angle hue steps (137.5°) spread any number of hues; lightness alternates so
    // neighbours in the sequence differ in two ways. Integer hue: the same index, the same colour.
    let n = index - categorical.count
    let hue = (n * 1375 / 10 + 17 + (n / 144) * 5) % 360   // the sequence would repeat after 144
    let lightness = [0.42, 0.62, 0.52][n % 3]
    return hsl(hue: Double(hue), saturation: 0.62, lightness: lightness)
  }

  /// `#RRGGBB` for a hue in degrees, saturation and lightness in 0...1 (CSS `hsl()`).
  static func hsl(hue: Double, saturation s: Double, lightness l: Double) -> String {
    let c = (1 - Swift.abs(2 * l - 1)) * s
    let hp = hue / 60
    let x = c * (1 - Swift.abs(hp.truncatingRemainder(dividingBy: 2) - 1))
    let (r, g, b): (Double, Double, Double)
    switch Int(hp) {
    case 0: (r, g, b) = (c, x, 0)
    case 1: (r, g, b) = (x, c, 0)
    case 2: (r, g, b) = (0, c, x)
    case 3: (r, g, b) = (0, x, c)
    case 4: (r, g, b) = (x, 0, c)
    default: (r, g, b) = (c, 0, x)
    }
    let m = l - c / 2
    let hex = Array("0123456789ABCDEF")
    func byte(_ v: Double) -> String {
      let n = Swift.max(0, Swift.min(255, Int(((v + m) * 255).rounded())))
      return String([hex[n / 16], hex[n % 16]])
    }
    return "#" + byte(r) + byte(g) + byte(b)
  }

  /// Text colour that stays readable on a filled background (white on the near-black C>G block).
  public static func label(on background: String) -> String {
    ["#050708", "#016601", "#4C0199", "#0366CC", "#E62725", "#E42926",
     "#FF8002", "#36A12E", "#BC191A", "#1764AB", "#62409B"].contains(background) ? "#FFFFFF" : "#000000"
  }

  /// Axis, grid and muted text colours.
  static let axis = "#444444"
  static let grid = "#E3E3E3"
  static let muted = "#777777"
}

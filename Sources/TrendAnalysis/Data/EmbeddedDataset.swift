import CEmbeddedData

extension DatasetLoader {
    /// Name of the embedded default dataset, as shown in reports.
    public static let embeddedSource = "embedded ml-systems.csv (Epoch AI, \"Data on AI Models\", CC BY 4.0)"

    /// The embedded copy of Epoch AI's ml-systems.csv, as text.
    public static var embeddedCSV: String {
        let bytes = UnsafeBufferPointer(start: trendfit_ml_systems_csv_bytes(), count: Int(trendfit_ml_systems_csv_size()))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads the embedded dataset.
    public func loadEmbedded() throws(DatasetError) -> Dataset {
        try load(csv: Self.embeddedCSV, source: Self.embeddedSource)
    }
}

import TrendAnalysis
import TrendFit

extension ReplicateFile {
    /// Writes the replicates as rows of a NumPy `.npy` file (format version 1.0) under `npyHeader`:
    /// little-endian doubles (`<f8`) in C order, shape (resamples, coefficients). An excluded
    /// replicate is a row of NaN (the one place TrendFit writes NaN on purpose); the CSV format
    /// names its status.
    static func appendNPY(_ replicates: BootstrapReplicates, problem: Int, coefficients: Int, to file: OutputFile) throws {
        let stride = replicates.coefficientStride
        for chunk in chunks(of: replicates.resamples) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(chunk.count * coefficients * 8)
            for b in chunk {
                let ok = replicates.status(problem: problem, replicate: b) == .ok
                let base = (problem * replicates.resamples + b) * stride
                for j in 0..<coefficients {
                    let bits = (ok ? replicates.coefficients[base + j] : Double.nan).bitPattern.littleEndian
                    withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
                }
            }
            try file.write(bytes: bytes)
        }
    }

    /// The `.npy` version 1.0 header of a C-order `<f8` array of shape (rows, columns): the magic
    /// string, the version, the little-endian 16-bit header length and the header dictionary,
    /// padded with spaces and ended by a line break so that the data starts at a multiple of 64 bytes.
    static func npyHeader(rows: Int, columns: Int) -> [UInt8] {
        let dictionary = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        let prefixLength = 10  // magic (6), version (2), header length (2)
        let padding = (64 - (prefixLength + dictionary.utf8.count + 1) % 64) % 64
        let header = Array((dictionary + String(repeating: " ", count: padding) + "\n").utf8)
        let length = UInt16(header.count)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xff), UInt8(length >> 8)] + header
    }
}

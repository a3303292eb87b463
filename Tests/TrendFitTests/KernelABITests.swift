import Foundation
import Testing
import TrendFit
@testable import TrendFitOpenCL
import TrendFitWorkloads

/// The host–kernel contract: `KernelABI` against the kernels' build options and defaults, the C
/// header, and the packed descriptors; `KernelSpecialization` as the program cache key.
@Suite struct KernelABITests {
    /// Every specialization of a 3-problem batch of q ≤ 3: fit, and bootstrap under each scheme,
    /// multiplier, grouping and option, in both precisions, both integer-product forms and both kernel forms.
    static let specializations: [KernelSpecialization] = {
        var all: [KernelSpecialization] = []
        for precision in Precision.allCases {
            for (wide, form) in [false, true].flatMap({ wide in KernelForm.allCases.map { (wide, $0) } }) {
                for intercept in [nil, true, false] {
                    all.append(KernelSpecialization(precision: precision, wideLaneProducts: wide, maxRegressors: 3, form: form,
                                                    fixedIntercept: intercept, bootstrap: nil))
                }
                for scheme in BootstrapScheme.allCases {
                    for wild in WildWeights.allCases {
                        for grouping in CaseGrouping.allCases {
                            for flags in 0..<8 {
                                let shape = KernelSpecialization.Bootstrap(
                                    scheme: scheme, wildWeights: wild, grouping: grouping, hasJitter: flags & 1 != 0,
                                    studentized: flags & 2 != 0, designStride: 4, weighted: flags & 4 != 0,
                                    fixedRegressors: flags & 1 != 0 ? 3 : nil, fixedRows: flags & 2 != 0 ? 50 : nil,
                                    stagedRows: form == .gpu && grouping == .none && flags & 4 == 0 ? 50 : 0,
                                    distinctSlots: form == .gpu ? 4 : 0,
                                    groupSize: form == .gpu && grouping == .none ? 128 : 0)
                                all.append(KernelSpecialization(precision: precision, wideLaneProducts: wide, maxRegressors: 3,
                                                                form: form, fixedIntercept: nil, bootstrap: shape))
                            }
                        }
                    }
                }
            }
        }
        return all
    }()

    /// `(name, value)` of each `-D NAME=VALUE` of a build option string.
    static func defines(_ options: String) -> [(name: String, value: String)] {
        options.split(separator: " ").compactMap { word in
            guard !word.hasPrefix("-"), let equals = word.firstIndex(of: "=") else { return nil }
            return (String(word[..<equals]), String(word[word.index(after: equals)...]))
        }
    }

    /// The `#ifndef NAME` / `#define NAME value // meaning` / `#endif` defaults of `source`, by name.
    static func defaults(_ source: String) -> [String: (value: String, meaning: String)] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var found: [String: (value: String, meaning: String)] = [:]
        for (index, line) in lines.enumerated() where line.hasPrefix("#ifndef ") && index + 2 < lines.count {
            let name = String(line.dropFirst("#ifndef ".count))
            let definition = lines[index + 1]
            guard definition.hasPrefix("#define \(name) "), lines[index + 2] == "#endif" else { continue }
            let body = definition.dropFirst("#define \(name) ".count)
            let parts = body.components(separatedBy: "//")
            found[name] = (parts[0].trimmingCharacters(in: .whitespaces),
                           parts.count > 1 ? parts[1...].joined(separator: "//").trimmingCharacters(in: .whitespaces) : "")
        }
        return found
    }

    @Test func buildOptionsDefineEveryConstantWithItsValue() {
        for specialization in Self.specializations {
            let defines = Self.defines(specialization.options)
            let values = Dictionary(defines.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            #expect(values.count == defines.count, "a define is passed twice")
            for constant in KernelABI.constants {
                #expect(values[constant.name] == String(constant.value), "\(constant.name) in \(specialization.options)")
            }
        }
    }

    /// Every kernel file the backend builds: the program of the fits and bootstraps, and the summary kernels.
    static let builtSources = KernelProgram.source + "\n" + String(decoding: PackageResources.summary_cl, as: UTF8.self)

    @Test func kernelDefaultsEqualTheContract() {
        let defaults = Self.defaults(Self.builtSources)
        #expect(KernelABI.constants.count == Set(KernelABI.constants.map(\.name)).count)
        for constant in KernelABI.constants {
            #expect(defaults[constant.name]?.value == String(constant.value), "Kernels/ default of \(constant.name)")
        }
    }

    @Test func everyBuildOptionHasAKernelDefaultWithAMeaning() {
        let defaults = Self.defaults(Self.builtSources)
        let names = Set(Self.specializations.flatMap { Self.defines($0.options).map(\.name) })
        #expect(names.count > KernelABI.constants.count)
        for name in names {
            #expect(defaults[name] != nil, "-D \(name) has no #ifndef default in Kernels/")
        }
        for (name, entry) in defaults {
            #expect(!entry.meaning.isEmpty, "#define \(name) has no one-line meaning")
        }
    }

    /// Every object-like `#define` of a number in `Kernels/*.cl` is a default behind `#ifndef`.
    @Test func everyKernelConstantIsADefault() {
        let source = Self.builtSources + String(decoding: PackageResources.peak_cl, as: UTF8.self)
        let defaults = Self.defaults(source)
        let constant = /^\s*#define (\w+) [-+(]*[0-9]/
        let names = source.split(separator: "\n").compactMap { String($0).firstMatch(of: constant).map { String($0.1) } }
        #expect(names.count >= KernelABI.constants.count)
        for name in names {
            #expect(defaults[name] != nil, "#define \(name) is not behind #ifndef \(name)")
        }
    }

    @Test func headerStatusesEqualTheContract() throws {
        let header = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "Sources/CVectorized/include/CVectorized.h")
        let text = try String(contentsOf: header, encoding: .utf8)
        let entries = text.matches(of: /TRENDFIT_(\w+) = (\d+)/).map { (String($0.1), Int($0.2)!) }
        let contract = Dictionary(uniqueKeysWithValues: KernelABI.constants.map { ($0.name, $0.value) })
        for (name, value) in entries {
            #expect(contract[name] == value, "TRENDFIT_\(name) = \(value) in CVectorized.h")
        }
        #expect(Set(entries.map(\.0)) == Set(ReplicateStatus.allCases.map(\.kernelName)))
    }

    @Test func descriptorSlotsHoldTheProblem() throws {
        let table = try DataTable(columns: [("x", [1, 2, 3, 4]), ("z", [2, 1, 0, 5]), ("y", [3, 5, 8, 9]), ("w", [1, 2, 1, 1])])
        let batch = try ProblemBatch(table: table, problems: [
            RegressionProblem(rows: [0, 1, 2], response: 2, regressors: [0]),
            RegressionProblem(rows: [3, 2, 1, 0], response: 2, regressors: [1, 0], hasIntercept: false, weights: 3,
                              streamIndex: 9),
        ])
        let packed = PackedBatch(batch)
        #expect(packed.descriptors.count == 2 * KernelABI.descriptorStride)
        let second = Array(packed.descriptors[KernelABI.descriptorStride...])
        func slot(_ slot: KernelABI.DescriptorSlot, offset: Int = 0) -> Int32 { second[slot.rawValue + offset] }
        #expect(slot(.rowStart) == 3 && slot(.rowCount) == 4 && slot(.response) == 2 && slot(.weights) == 3)
        #expect(slot(.intercept) == 0 && slot(.regressorCount) == 2 && slot(.stream) == 9)
        #expect(slot(.regressors) == 1 && slot(.regressors, offset: 1) == 0)
        #expect(Array(packed.descriptors[..<KernelABI.DescriptorSlot.regressors.rawValue]) == [0, 3, 2, -1, 1, 1, -1])
    }

    @Test func specializationsAndOptionsAreOneToOne() {
        let keys = Set(Self.specializations)
        #expect(keys.count == Self.specializations.count)
        #expect(Set(keys.map(\.options)).count == keys.count)
    }

    @Test func specializationNamesTheKernel() {
        let fit = KernelSpecialization(precision: .double, wideLaneProducts: false, maxRegressors: 1, form: .cpu,
                                       fixedIntercept: nil, bootstrap: nil)
        #expect(fit.kernel == "fit_problems" && fit.kernels == ["fit_problems"] && fit.replicatesPerItem == 1
                    && fit.problemGroupSize == nil)
        for (regressors, problemsPerGroup) in [(0, 32), (1, 32), (2, 21), (3, 16), (7, 8), (63, 1), (99, 1)] {
            let gpuFit = KernelSpecialization(precision: .double, wideLaneProducts: false, maxRegressors: regressors, form: .gpu,
                                              fixedIntercept: true, bootstrap: nil)
            #expect(gpuFit.kernel == "fit_columns_rotate" && gpuFit.fitProblemsPerGroup == problemsPerGroup)
            #expect(gpuFit.kernels == ["fit_columns_rotate", "fit_columns_gram", "fit_columns_solve", "fit_columns_residuals",
                                       "fit_columns_errors"])
            // R's triangle, the means, four scalars, the solution (double-words) and the rows of G with the
            // moments (double-words), WIDTH = MAX_Q + 1 columns.
            let width = max(regressors, 1) + 1
            let stateStride = width * (width + 1) / 2 + width + 4 + 2 * width + 2 * width * (width + 1)
            #expect(gpuFit.options.contains("-D FIT_STATE_STRIDE=\(stateStride) "))
            #expect(gpuFit.problemGroupSize == problemsPerGroup * (max(regressors, 1) + 1))
            #expect(gpuFit.options.contains("-D FIT_PROBLEMS_PER_GROUP=\(problemsPerGroup) "))
        }
        func bootstrap(grouping: CaseGrouping = .none, regressors: Int? = 1, rows: Int? = 30,
                       form: KernelForm = .cpu) -> KernelSpecialization {
            KernelSpecialization(precision: .double, wideLaneProducts: false, maxRegressors: 1, form: form, fixedIntercept: nil,
                                 bootstrap: .init(
                scheme: .cases, wildWeights: .rademacher, grouping: grouping, hasJitter: false, studentized: false,
                designStride: KernelABI.pairDesignStride, weighted: false, fixedRegressors: regressors, fixedRows: rows,
                stagedRows: form == .gpu ? 30 : 0, distinctSlots: form == .gpu ? 2 : 0,
                groupSize: form == .gpu && grouping == .none ? 128 : 0))
        }
        #expect(bootstrap().kernel == "bootstrap_replicates4" && bootstrap().replicatesPerItem == 4)
        #expect(bootstrap().options.contains("-D REPLICATES_PER_ITEM=4 "))
        #expect(bootstrap(rows: nil).kernel == "bootstrap_replicates" && bootstrap(rows: nil).replicatesPerItem == 1)
        #expect(bootstrap(regressors: nil).kernel == "bootstrap_replicates")
        #expect(bootstrap(grouping: .clusters).kernel == "bootstrap_grouped_replicates")
        #expect(bootstrap(form: .gpu).kernel == "bootstrap_staged_replicates" && bootstrap(form: .gpu).replicatesPerItem == 1)
        #expect(bootstrap(form: .gpu).problemGroupSize == 128 && bootstrap().problemGroupSize == nil)
        #expect(bootstrap(grouping: .strata, form: .gpu).kernel == "bootstrap_grouped_replicates")
    }

    /// Batches of one shape share a program: the backend's cache holds one per specialization.
    @Test func backendCachesOneProgramPerSpecialization() throws {
        guard let device = try OpenCLDevice.all().first else {
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("CI must have an OpenCL device (PoCL)") }
            return
        }
        let backend = try OpenCLBackend(device: device)
        let plan = BootstrapPlan(scheme: .residuals, resamples: 4, seed: 1)
        for seed in [1, 2] as [UInt64] {
            let batch = try SyntheticWorkload(rowsPerProblem: 20, coefficientCount: 2, problemCount: 2, seed: seed).makeBatch()
            _ = try backend.bootstrap(batch, plan: plan, precision: .double)
        }
        #expect(backend.programs.count == 1)
        let launched = try #require(backend.lastProgram)
        #expect(backend.programs[launched.specialization] != nil)
        #expect(launched == KernelProgram(launched.specialization))
    }
}

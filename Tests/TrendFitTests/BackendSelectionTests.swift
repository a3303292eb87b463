import Testing
import TrendFit
import TrendFitOpenCL

/// `BackendSelection`, the one way every command opens backends, against the devices OpenCL lists.
@Suite struct BackendSelectionTests {
    @Test func theCPUChoiceRunsOnTheSelectionsThreads() throws {
        let selection = BackendSelection(threads: 3)
        let backend = try selection.open(.cpu, device: nil, precision: .double)
        #expect((backend as? CPUBackend)?.threads == 3)
        #expect(try selection.open([.cpu, .cpu], precision: .double).map(\.deviceName) == ["CPU, 3 threads", "CPU, 3 threads"])
    }

    @Test func autoPicksTheFirstAcceptedDeviceElseTheCPU() throws {
        let devices = try OpenCLDevice.all()
        for precision in Precision.allCases {
            let index = BackendSelection.automaticDeviceIndex(among: devices, precision: precision)
            #expect(index == devices.firstIndex { $0.isGPU && !$0.isSimulator && (precision == .float || $0.supportsDouble) })
            let backend = try BackendSelection(threads: 2).open(.auto, device: nil, precision: precision)
            if let index {
                #expect((backend as? OpenCLBackend)?.device.name == devices[index].name)
            } else {
                #expect(backend.deviceName == "CPU, 2 threads")
            }
        }
    }

    @Test func listsOpenEveryDeviceInOrderAndRefuseMissingOnes() throws {
        let devices = try OpenCLDevice.all()
        let selection = BackendSelection(threads: 1)
        let every = try selection.open([.cpu, .everyOpenCLDevice(required: false, includingSimulators: true)], precision: nil)
        #expect(every.map(\.name) == ["cpu"] + devices.map { _ in "opencl" })
        #expect(every.dropFirst().compactMap { ($0 as? OpenCLBackend)?.device.name } == devices.map(\.name))
        // Without simulators: every device that is not one, in order; none at all is an error when required.
        let hardware = devices.filter { !$0.isSimulator }
        let real = try selection.open([.everyOpenCLDevice(required: false, includingSimulators: false)], precision: nil)
        #expect(real.compactMap { ($0 as? OpenCLBackend)?.device.name } == hardware.map(\.name))
        if hardware.isEmpty {
            #expect(throws: OpenCLError.self) {
                try selection.open([.everyOpenCLDevice(required: true, includingSimulators: false)], precision: nil)
            }
        }
        if devices.isEmpty {
            #expect(throws: OpenCLError.self) {
                try selection.open([.everyOpenCLDevice(required: true, includingSimulators: true)], precision: nil)
            }
            #expect(throws: OpenCLError.self) { try selection.open(.opencl, device: nil, precision: .float) }
        } else {
            #expect(throws: BackendSelectionError.noSuchDevice(index: devices.count, deviceCount: devices.count)) {
                try selection.open([.openCLDevice(devices.count)], precision: nil)
            }
            let last = try selection.open(.auto, device: devices.count - 1, precision: .float)
            #expect((last as? OpenCLBackend)?.device.name == devices[devices.count - 1].name)
            if let index = devices.firstIndex(where: { !$0.supportsDouble }) {
                #expect(throws: BackendSelectionError.self) { try selection.open([.openCLDevice(index)], precision: .double) }
            }
        }
    }
}

import COCO
import Foundation
import Tensor

/// The JSON half of a training checkpoint: where training stands. The weights and optimiser
/// momenta live in the safetensors file it names, written first, so a crash between the two
/// writes leaves the previous, consistent pair in place.
///
/// No random generator state is stored: the data order and every sampling generator are
/// derived from `(seed, iteration)`, so the iteration is all a resumed run needs.
public struct TrainingState: Codable, Equatable, Sendable {
    /// Iterations completed.
    public var iteration: Int
    /// The config's seed (a resume with another seed is refused).
    public var seed: Int
    /// The config's thread count (results are bit-identical only for the same count).
    public var threads: Int
    /// The safetensors file (in the same directory) with the weights and momenta.
    public var weightsFile: String
}

/// Reads and writes checkpoints in a directory: `checkpoint-NNNNNNN.safetensors` (parameters by
/// name, momenta as `optimizer.momentum.<name>`) and `state.json`, both written atomically.
public struct CheckpointStore: Sendable {
    /// The checkpoint directory.
    public let directory: URL
    static let momentumPrefix = "optimizer.momentum."

    /// A store in `directory` (created on the first save).
    public init(directory: URL) {
        self.directory = directory
    }

    var stateURL: URL { directory.appendingPathComponent("state.json") }

    /// Saves the model's parameters and the optimiser's momenta after `iteration` iterations,
    /// then removes the previous weights file.
    func save(parameters: [Parameter], optimizer: SGD, iteration: Int, config: ModelConfig) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var tensors: [String: Tensor] = [:]
        for parameter in parameters { tensors[parameter.name] = parameter.value.detached() }
        for (parameter, buffer) in zip(optimizer.parameters, optimizer.momentumBuffers) {
            if let buffer { tensors[Self.momentumPrefix + parameter.name] = buffer }
        }
        let name = String(format: "checkpoint-%07d.safetensors", iteration)
        try SafeTensors.write(tensors, to: directory.appendingPathComponent(name), metadata: ["iteration": "\(iteration)"])
        let previous = try? load()
        let state = TrainingState(iteration: iteration, seed: config.seed, threads: config.threads, weightsFile: name)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(state).write(to: stateURL, options: .atomic)
        if let previous, previous.weightsFile != name {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(previous.weightsFile))
        }
    }

    /// The saved state, or nil when the directory has no checkpoint.
    /// - Throws: `InputError` naming `state.json` when it is unreadable.
    public func load() throws -> TrainingState? {
        guard FileManager.default.fileExists(atPath: stateURL.path) else { return nil }
        do {
            return try JSONDecoder().decode(TrainingState.self, from: Data(contentsOf: stateURL))
        } catch let error as DecodingError {
            throw InputError(file: stateURL.path, decodingError: error)
        } catch {
            throw InputError(file: stateURL.path, message: "cannot read: \(error.localizedDescription)")
        }
    }

    /// Restores parameters and momenta from the state's weights file.
    func restore(_ state: TrainingState, parameters: [Parameter], optimizer: SGD) throws {
        let url = directory.appendingPathComponent(state.weightsFile)
        try SafeTensors.restore(parameters, from: url)
        let stored = try SafeTensors.read(from: url)
        optimizer.momentumBuffers = try optimizer.parameters.map { parameter in
            guard let buffer = stored[Self.momentumPrefix + parameter.name] else { return nil }
            guard buffer.shape == parameter.value.shape else {
                throw InputError(file: url.path, field: Self.momentumPrefix + parameter.name,
                                 message: "shape \(buffer.shape), parameter has \(parameter.value.shape)")
            }
            return buffer
        }
    }
}

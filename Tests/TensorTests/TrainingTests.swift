import CDNNL
import Foundation
import Testing
@testable import Tensor

/// A small conv net on a synthetic task: learning happens, and is bit-for-bit repeatable.
@Suite struct TrainingTests {
    /// conv3x3(1->4) -> GroupNorm(2) -> ReLU -> maxpool 2 -> conv3x3(4->8) -> ReLU -> global
    /// average pool -> linear(8->2).
    struct TinyNet {
        let parameters: [Parameter]

        init(seed: UInt64) {
            var generator = SeededGenerator(seed: seed)
            parameters = [
                Parameter("conv1.weight", .heNormal(shape: [4, 1, 3, 3], generator: &generator)),
                Parameter("conv1.bias", Tensor(zeros: [4])),
                Parameter("norm1.weight", Tensor(repeating: 1, shape: [4])),
                Parameter("norm1.bias", Tensor(zeros: [4])),
                Parameter("conv2.weight", .heNormal(shape: [8, 4, 3, 3], generator: &generator)),
                Parameter("conv2.bias", Tensor(zeros: [8])),
                Parameter("fc.weight", .randomNormal(shape: [2, 8], standardDeviation: 0.01, generator: &generator)),
                Parameter("fc.bias", Tensor(zeros: [2])),
            ]
        }

        func callAsFunction(_ images: Tensor) -> Tensor {
            let p = parameters.map(\.value)
            let features = images.convolved(with: p[0], bias: p[1], padding: 1)
                .groupNormalized(groups: 2, weight: p[2], bias: p[3]).relu()
                .maxPooled(kernel: 2, stride: 2)
                .convolved(with: p[4], bias: p[5], padding: 1).relu()
                .globalAveragePooled()
            return features.reshaped(to: [images.shape[0], 8]).linear(weight: p[6], bias: p[7])
        }
    }

    /// 16 images 8x8: class 0 has a bright 3x3 square in the top half, class 1 in the bottom half.
    static func dataset(seed: UInt64) -> (Tensor, [Int]) {
        var generator = SeededGenerator(seed: seed)
        var pixels = [Float](repeating: 0, count: 16 * 64)
        var labels: [Int] = []
        for image in 0..<16 {
            let label = image % 2
            labels.append(label)
            let top = label == 0 ? Int(generator.next() % 2) : 4 + Int(generator.next() % 2)
            let left = Int(generator.next() % 6)
            for y in top..<(top + 3) { for x in left..<(left + 3) { pixels[image * 64 + y * 8 + x] = 1 } }
            for i in 0..<64 { pixels[image * 64 + i] += 0.1 * generator.nextNormal() }
        }
        return (Tensor(shape: [16, 1, 8, 8], scalars: pixels), labels)
    }

    /// Trains for `steps` full-batch SGD steps; returns the losses and the final parameters.
    static func train(seed: UInt64, steps: Int) -> ([Float], [Tensor]) {
        let net = TinyNet(seed: seed)
        let (images, labels) = dataset(seed: seed)
        let optimizer = SGD(parameters: net.parameters, momentum: 0.9, weightDecay: 1e-4)
        let schedule = LearningRateSchedule(baseRate: 0.1, warmupFactor: 0.1, warmupIterations: 5, milestones: [50])
        var losses: [Float] = []
        for step in 0..<steps {
            optimizer.clearGradients()
            let loss = net(images).softmaxCrossEntropy(labels: labels)
            losses.append(loss.scalar)
            loss.backward()
            clipGradientNorm(net.parameters, maximumNorm: 5)
            optimizer.step(learningRate: schedule.rate(at: step))
        }
        return (losses, net.parameters.map(\.value))
    }

    @Test func lossFallsTenfold() {
        let (losses, _) = Self.train(seed: 7, steps: 60)
        let start = losses[0], end = losses.suffix(5).reduce(0, +) / 5
        #expect(abs(start - Float(log(2.0))) < 0.05, "starts near ln 2 (small final layer): \(start)")
        #expect(end < start / 10, "loss \(start) -> \(end)")
    }

    @Test func sameSeedGivesIdenticalBytes() {
        let (lossesA, weightsA) = Self.train(seed: 3, steps: 12)
        let (lossesB, weightsB) = Self.train(seed: 3, steps: 12)
        let (_, weightsC) = Self.train(seed: 4, steps: 12)
        #expect(lossesA.map(\.bitPattern) == lossesB.map(\.bitPattern))
        let bytes = { (weights: [Tensor]) in SafeTensors.encode(Dictionary(uniqueKeysWithValues: weights.enumerated().map { ("\($0.offset)", $0.element) })) }
        #expect(bytes(weightsA) == bytes(weightsB))
        #expect(bytes(weightsA) != bytes(weightsC))
    }

    @Test func threadSettingReachesOpenMP() {
        var generator = SeededGenerator(seed: 5)
        let x = Tensor.randomNormal(shape: [1, 16, 6, 6], standardDeviation: 1, generator: &generator)
        let w = Tensor.randomNormal(shape: [16, 16, 3, 3], standardDeviation: 0.1, generator: &generator)
        let two = ComputeThreads.withCount(2) { x.convolved(with: w, padding: 1) }
        #expect(omp_get_max_threads() == 2)
        let one = ComputeThreads.withCount(1) {
            let one = x.convolved(with: w, padding: 1)
            #expect(omp_get_max_threads() == 1)
            #expect(x.convolved(with: w, padding: 1).scalars == one.scalars)
            return one
        }
        #expect(closeness(one, two) <= 1)
    }

    @Test func threadScopesNestAndStayOnTheirThread() {
        let processDefault = ComputeThreads.count
        let seenByAnotherThread = ComputeThreads.withCount(processDefault + 2) {
            let inner = ComputeThreads.withCount(1) { ComputeThreads.count }
            #expect(inner == 1)
            #expect(ComputeThreads.count == processDefault + 2)
            // A thread started inside the scope is outside it: it sees the process default.
            final class Seen: @unchecked Sendable { var count = 0 }  // written before `done` is signalled
            let seen = Seen(), done = DispatchSemaphore(value: 0)
            Thread { seen.count = ComputeThreads.count; done.signal() }.start()
            done.wait()
            return seen.count
        }
        #expect(seenByAnotherThread == processDefault)
        #expect(ComputeThreads.count == processDefault)
    }
}

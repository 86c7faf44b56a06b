import Testing
@testable import Tensor

/// SGD, the warm-up/step schedule and gradient clipping against torch.optim on a fixture.
@Suite struct OptimizerTests {
    @Test func stepsMatchTorchOptimSGD() {
        // Settings mirror scripts/make_tensor_fixtures.py: lr 0.05, momentum 0.9, weight decay 1e-4,
        // LinearLR(0.1, 4 iterations) chained with MultiStepLR([6], 0.1), clip_grad_norm_(2.0).
        let schedule = LearningRateSchedule(baseRate: 0.05, warmupFactor: 0.1, warmupIterations: 4, milestones: [6], gamma: 0.1)
        let p1 = Parameter("p1", fixture("sgd.p1.initial")), p2 = Parameter("p2", fixture("sgd.p2.initial"))
        let optimizer = SGD(parameters: [p1, p2], momentum: 0.9, weightDecay: 1e-4)
        let torchRates = fixture("sgd.lrs").scalars
        for step in 0..<8 {
            #expect(abs(schedule.rate(at: step) - torchRates[step]) <= 1e-7 + 1e-6 * torchRates[step], "rate at step \(step)")
            p1.value.node?.grad = fixture("sgd.step\(step).g1")
            p2.value.node?.grad = fixture("sgd.step\(step).g2")
            clipGradientNorm([p1, p2], maximumNorm: 2)
            optimizer.step(learningRate: schedule.rate(at: step))
            #expect(closeness(p1.value, fixture("sgd.step\(step).p1"), absolute: 1e-6, relative: 1e-5) <= 1, "p1 after step \(step)")
            #expect(closeness(p2.value, fixture("sgd.step\(step).p2"), absolute: 1e-6, relative: 1e-5) <= 1, "p2 after step \(step)")
        }
    }

    @Test func clippingScalesOnlyWhenTheNormIsTooLarge() {
        let p = Parameter("p", Tensor(zeros: [2]))
        p.value.node?.grad = Tensor(shape: [2], scalars: [3, 4])
        #expect(clipGradientNorm([p], maximumNorm: 10) == 5)
        #expect(p.grad?.scalars == [3, 4])
        #expect(clipGradientNorm([p], maximumNorm: 1) == 5)
        #expect(abs(p.grad!.scalars[0] - 0.6) < 1e-6 && abs(p.grad!.scalars[1] - 0.8) < 1e-6)
    }

    @Test func parametersWithoutGradientsAreLeftAlone() {
        let used = Parameter("used", Tensor(repeating: 1, shape: [1]))
        let unused = Parameter("unused", Tensor(repeating: 1, shape: [1]))
        let optimizer = SGD(parameters: [used, unused], momentum: 0.9)
        (used.value * 3).sum().backward()
        optimizer.step(learningRate: 0.1)
        #expect(abs(used.value.scalar - 0.7) < 1e-6)
        #expect(unused.value.scalar == 1)
    }
}

import Testing
@testable import MaskRCNN

@Suite struct BalancedSamplerTests {
    @Test func respectsFractionAndSize() {
        let sampler = BalancedSampler(samplesPerImage: 10, positiveFraction: 0.25)
        var generator = SeededGenerator(state: 1)
        let positives = Array(0..<8), negatives = Array(100..<150)
        let sample = sampler.sample(positives: positives, negatives: negatives, using: &generator)
        #expect(sample.positives.count == 2 && sample.negatives.count == 8)
        #expect(Set(sample.positives).isSubset(of: positives) && Set(sample.negatives).isSubset(of: negatives))
        #expect(Set(sample.positives).count == 2 && Set(sample.negatives).count == 8)
        #expect(sample.positives == sample.positives.sorted())
    }

    @Test func fillsWithNegativesWhenPositivesAreScarce() {
        var generator = SeededGenerator(state: 2)
        let sampler = BalancedSampler(samplesPerImage: 256, positiveFraction: 0.5)
        let sample = sampler.sample(positives: [3, 7], negatives: Array(10..<400), using: &generator)
        #expect(sample.positives == [3, 7] && sample.negatives.count == 254)
        let few = sampler.sample(positives: Array(0..<300), negatives: [500], using: &generator)
        #expect(few.positives.count == 128 && few.negatives == [500])
    }

    @Test func sameSeedSameSampleDifferentSeedDifferentSample() {
        let sampler = BalancedSampler(samplesPerImage: 16, positiveFraction: 0.5)
        func draw(_ seed: UInt64) -> [Int] {
            var generator = SeededGenerator(state: seed)
            return sampler.sample(positives: Array(0..<100), negatives: Array(100..<200), using: &generator).positives
        }
        #expect(draw(5) == draw(5))
        #expect(draw(5) != draw(6))
    }

    @Test func everyElementCanBeDrawn() {
        var generator = SeededGenerator(state: 3)
        var seen = Set<Int>()
        for _ in 0..<200 { seen.formUnion(BalancedSampler.subset(Array(0..<10), count: 2, using: &generator)) }
        #expect(seen == Set(0..<10))
    }
}

@testable import MaskRCNN
import Tensor
import Testing

/// Feature shapes of every layout: C4 at stride 16, C5 at 32, FPN P2..P6 at 4..64.
struct BackboneTests {
    func levels(_ kind: FeatureConfig.Kind, block: BackboneConfig.Block = .basic,
                normalization: BackboneConfig.Normalization = .frozenBatchNorm) -> [[Int]] {
        var config = SyntheticScenes.tinyConfig()
        config.features.kind = kind
        config.backbone.block = block
        config.backbone.normalization = normalization
        var factory = ParameterFactory(seed: 1)
        let backbone = Backbone(config: config, factory: &factory)
        return noGrad { backbone(Tensor(repeating: 0.5, shape: [2, 3, 64, 96])).map(\.shape) }
    }

    @Test func c4IsOneStride16Level() {
        #expect(levels(.c4) == [[2, 32, 4, 6]])
    }

    @Test func c5IsOneStride32Level() {
        #expect(levels(.c5, block: .bottleneck, normalization: .none) == [[2, 64, 2, 3]])
    }

    @Test func fpnHasP2ToP6() {
        #expect(levels(.fpn, normalization: .groupNorm) == [[2, 32, 16, 24], [2, 32, 8, 12], [2, 32, 4, 6], [2, 32, 2, 3], [2, 32, 1, 2]])
    }

    /// A bottleneck block's inner width is a quarter of its output; basic blocks have none.
    @Test func bottleneckParameterShapes() {
        var config = SyntheticScenes.tinyConfig().backbone
        config.block = .bottleneck
        config.normalization = .none
        var factory = ParameterFactory(seed: 1)
        let block = ResidualBlock("b", input: 32, output: 64, stride: 2, config: config, factory: &factory)
        #expect(block.parameters.filter { $0.name.hasSuffix("weight") }.map(\.value.shape)
                == [[16, 32, 1, 1], [16, 16, 3, 3], [64, 16, 1, 1], [64, 32, 1, 1]])
    }

    /// Frozen BatchNorm terms are checkpointed but not handed to the optimiser.
    @Test func frozenBatchNormIsNotTrainable() throws {
        var config = SyntheticScenes.tinyConfig()
        config.backbone.normalization = .frozenBatchNorm
        let model = try MaskRCNNModel(config: config)
        let trainable = Set(model.trainableParameters.map(\.name))
        let frozen = model.parameters.filter { !trainable.contains($0.name) }.map(\.name)
        #expect(!frozen.isEmpty)
        #expect(frozen.allSatisfy { $0.contains(".norm.") })
        #expect(Set(model.parameters.map(\.name)).count == model.parameters.count, "parameter names are unique")
    }
}

import Tensor

/// The box branch: the head body (n fully connected layers, or the res5 stage of the C4 design
/// followed by global average pooling) and the class/box predictors.
///
/// Classes are `0..<K` with background `K` (detectron2's convention); box deltas are
/// class-specific, `[R, 4K]`.
final class BoxHead: ParameterContainer {
    private let fullyConnected: [FullyConnected]
    /// The C4 head's res5 stage (its output also feeds the C4 mask head).
    let res5: ResNetStage?
    private let classifier: FullyConnected
    private let regressor: FullyConnected

    init(config: ModelConfig, inputChannels: Int, factory: inout ParameterFactory) {
        let head = config.roiHeads.boxHead
        let classes = config.roiHeads.numClasses
        let outputWidth: Int
        switch head.kind {
        case .fc:
            let pooled = config.roiHeads.boxPooler.outputSize
            var input = inputChannels * pooled * pooled
            var layers: [FullyConnected] = []
            for index in 0..<head.fcLayers {
                layers.append(FullyConnected("box_head.fc\(index + 1)", input: input, output: head.fcWidth, factory: &factory))
                input = head.fcWidth
            }
            fullyConnected = layers
            res5 = nil
            outputWidth = input
        case .c4Res5:
            let backbone = config.backbone
            fullyConnected = []
            res5 = ResNetStage("box_head.res5", input: backbone.stageWidths[2], width: backbone.stageWidths[3],
                               blocks: backbone.blocksPerStage[3], stride: 2, config: backbone, factory: &factory)
            outputWidth = backbone.stageWidths[3]
        }
        // Normal(0, 0.01) classifier and Normal(0, 0.001) regressor, as detectron2's FastRCNNOutputLayers.
        classifier = FullyConnected("box_predictor.cls_score", input: outputWidth, output: classes + 1,
                                    initialization: .normal(0.01), factory: &factory)
        regressor = FullyConnected("box_predictor.bbox_pred", input: outputWidth, output: 4 * classes,
                                   initialization: .normal(0.001), factory: &factory)
    }

    var parameters: [Parameter] {
        fullyConnected.flatMap(\.parameters) + (res5?.parameters ?? []) + classifier.parameters + regressor.parameters
    }

    /// `[R, K + 1]` class logits, `[R, 4K]` deltas and, for the C4 head, the `[R, C5, P/2, P/2]` res5 output.
    func callAsFunction(_ pooled: Tensor) -> (logits: Tensor, deltas: Tensor, res5Features: Tensor?) {
        let rows = pooled.shape[0]
        var x: Tensor
        var res5Features: Tensor?
        if let res5 {
            let features = res5(pooled)
            res5Features = features
            x = features.globalAveragePooled().reshaped(to: [rows, features.shape[1]])
        } else {
            x = pooled.reshaped(to: [rows, pooled.count / max(rows, 1)])
            for layer in fullyConnected { x = layer(x).relu() }
        }
        return (classifier(x), regressor(x), res5Features)
    }
}

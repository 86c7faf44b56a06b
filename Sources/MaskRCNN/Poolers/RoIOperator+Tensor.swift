import COCO
import Tensor

extension RoIOperator {
    /// Differentiable pooling on the autograd engine: `features` (N, C, H, W) -> (R, C, PH, PW).
    ///
    /// The forward pass runs the Float kernels; the recorded backward reuses the saved bilinear
    /// plan or arg-max cells, so gradients equal ``PooledRoIs/inputGradient(outputGradient:)``.
    /// - Throws: `InputError` for a features tensor that is not rank 4 or a bad RoI.
    public func callAsFunction(_ features: Tensor, rois: [RoI], spatialScale: Double) throws(InputError) -> Tensor {
        let map = try FeatureMap(features)
        let pooled = try self(map, rois: rois, spatialScale: spatialScale)
        let output = Tensor(shape: pooled.output.shape, scalars: pooled.output.values)
        return Tensor.record(output: output, inputs: [features]) { gradient in
            // Autograd guarantees the gradient has the output's shape.
            [Tensor(shape: features.shape, scalars: pooled.inputGradient(checkedOutputGradient: gradient.scalars).values)]
        }
    }
}

extension MultiLevelRoIPooler {
    /// Differentiable FPN pooling: `levels` (finest first, each (N, C, Hₖ, Wₖ)) -> (R, C, PH, PW),
    /// with gradients flowing back to every level.
    /// - Throws: `InputError` for a level that is not rank 4, mismatched levels or a bad RoI.
    public func callAsFunction(_ levels: [Tensor], rois: [RoI]) throws(InputError) -> Tensor {
        var maps: [FeatureMap] = []
        for level in levels { maps.append(try FeatureMap(level)) }
        let pooled = try self(maps, rois: rois)
        let output = Tensor(shape: pooled.output.shape, scalars: pooled.output.values)
        return Tensor.record(output: output, inputs: levels) { gradient in
            pooled.inputGradients(checkedOutputGradient: gradient.scalars).enumerated().map { i, map in
                Tensor(shape: levels[i].shape, scalars: map.values)
            }
        }
    }
}

extension FeatureMap {
    /// The values of a rank-4 (N, C, H, W) tensor.
    /// - Throws: `InputError` when the tensor is not rank 4.
    public init(_ tensor: Tensor) throws(InputError) {
        guard tensor.rank == 4 else {
            throw InputError(field: "features", message: "expected an (N, C, H, W) tensor, got shape \(tensor.shape)")
        }
        let s = tensor.shape
        try self.init(batch: s[0], channels: s[1], height: s[2], width: s[3], values: tensor.scalars)
    }

    /// `[batch, channels, height, width]`.
    public var shape: [Int] { [batch, channels, height, width] }
}

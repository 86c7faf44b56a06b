/// The revision of MaskBench's training and inference numerics.
///
/// Bumped by any change that alters a model's floats for the same config, seed and thread count:
/// a kernel's summation order, another algorithm, an initialiser. A config hash cannot see such a
/// change, so saved ablation jobs record this number as well, and a job trained by an older engine
/// is trained again instead of being joined in one table with jobs of the new engine.
public enum NumericsRevision {
    /// Revision 1: linear's forward pass on oneDNN's matmul primitive (sums in another order than
    /// the `sgemm` forward before it).
    public static let current = 1
}

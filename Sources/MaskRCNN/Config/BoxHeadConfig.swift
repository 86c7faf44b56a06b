/// The RoI box head: the layers between the pooled RoI features and the class/box predictors.
public struct BoxHeadConfig: Codable, Equatable, Sendable {
    /// The head architecture.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// `fcLayers` fully connected layers of `fcWidth` (the FPN/C5 head).
        case fc
        /// The res5 stage run on 14x14 RoI features, then average-pooled (the C4 head).
        case c4Res5 = "c4_res5"
    }

    /// The head architecture.
    public var kind: Kind
    /// Fully connected layers (fc head only).
    public var fcLayers: Int
    /// Width of each fully connected layer (fc head only).
    public var fcWidth: Int

    /// Creates a box head config; the defaults are `R10-FPN@256`'s 2fc of 256.
    public init(kind: Kind = .fc, fcLayers: Int = 2, fcWidth: Int = 256) {
        self.kind = kind
        self.fcLayers = fcLayers
        self.fcWidth = fcWidth
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case fcLayers = "fc_layers"
        case fcWidth = "fc_width"
    }
}

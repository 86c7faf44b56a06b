import Foundation

/// One-line text for any error, for logs and the CLI's `ablate: ...` line.
public enum ErrorDescription {
    /// Foundation's file errors print as a multi-line `Error Domain=... UserInfo={...}` dump;
    /// they become their localized sentence plus the path. Other errors keep their description,
    /// with line breaks folded to spaces so a log stays one line per event.
    public static func oneLine(_ error: any Error) -> String {
        let text: String
        if let cocoa = error as? CocoaError {
            let path = cocoa.filePath ?? cocoa.url?.path
            text = cocoa.localizedDescription + (path.map { " (\($0))" } ?? "")
        } else {
            text = "\(error)"
        }
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }
}

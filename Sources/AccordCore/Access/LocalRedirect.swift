/// Where the browser may be sent after signing in: a path of this site only, never another host (no open redirect).
public enum LocalRedirect {
    /// `next` when it is a path of this site — one leading `/`, no `//` or `\` (which browsers read as another host),
    /// printable ASCII only (a tab, NUL or space could smuggle a host or break the header) — else nil.
    public static func path(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), next.utf8.count <= 2_048 else { return nil }
        guard next.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else { return nil }
        let rest = next.dropFirst()
        guard !rest.hasPrefix("/"), !next.contains("\\") else { return nil }
        return next
    }
}

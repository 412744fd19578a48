import Foundation
import Vapor

/// Builds and runs Accord from the command line: `serve`, `migrate`, `import`, `close-period`, `demo`.
public enum AccordApp {
    /// Runs the command named on the command line; returns the process exit status.
    public static func main() async -> Int32 {
        do {
            var env = try Environment.detect()
            let environment = ProcessInfo.processInfo.environment
            if environment["LOG_FORMAT"] == "json" {
                JSONLogHandler.bootstrap(level: environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info)
            } else {
                try LoggingSystem.bootstrap(from: &env)
            }
            let app = try await Application.make(env)
            do {
                try await configure(app, options: .fromEnvironment())
                try await app.execute()
            } catch {
                // Vapor's console has already reported the error.
                try? await app.asyncShutdown()
                return 1
            }
            try await app.asyncShutdown()
            return 0
        } catch {
            FileHandle.standardError.write(Data("error: \(message(for: error))\n".utf8))
            return 1
        }
    }

    static func message(for error: any Error) -> String {
        ErrorMapping.map(error)?.reason ?? String(describing: error)
    }
}

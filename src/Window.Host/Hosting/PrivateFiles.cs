using Window.Storage;

namespace Window.Host.Hosting;

/// <summary>
/// The embedded profile's files hold cases (the SQLite database) and the master key: on Unix they are the service
/// account's alone (folders 0700, files 0600), whatever the umask; a database created world-readable by an earlier
/// version is tightened at the next start.
/// </summary>
public static class PrivateFiles
{
    /// <summary>Owner read and write only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner only.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the data folder, the key folder and the SQLite file before anything opens them.</summary>
    public static void Prepare(WindowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (OperatingSystem.IsWindows() || settings.Database.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        Folder(settings.DataDirectory);
        Folder(Path.Combine(settings.DataDirectory, "keys"));
        var database = Path.Combine(settings.DataDirectory, WindowSettings.SqliteFileName);

        // SQLite creates its -wal and -shm files with the mode of the database file, so they follow this one.
        foreach (var path in new[] { database, database + "-wal", database + "-shm" })
        {
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, FileMode);
            }
        }

        if (!File.Exists(database))
        {
            using var created = new FileStream(database, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode,
            });
        }
    }

    private static void Folder(string path)
    {
        if (!OperatingSystem.IsWindows() && !Directory.Exists(path))
        {
            Directory.CreateDirectory(path, FolderMode);
        }
    }
}

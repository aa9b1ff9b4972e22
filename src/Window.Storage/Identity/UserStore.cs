using System.Data.Common;
using System.Globalization;

namespace Window.Storage.Identity;

/// <summary>A staff account. The password is only ever held as ASP.NET Core's password-hasher output.</summary>
public sealed record UserRecord(
    string Username,
    string DisplayName,
    string Role,
    string? Department,
    string PasswordHash,
    int FailedAttempts,
    DateTimeOffset? LockedUntil,
    bool Active);

/// <summary>A department as administrators manage it (seeded from the catalogue's departments.json).</summary>
public sealed record DepartmentRecord(string Id, string NameZh, string NameEn, bool Active);

/// <summary>Staff accounts, departments and the data-protection key ring, in Window's database.</summary>
public sealed partial class UserStore(WindowDatabase database)
{
    private bool Sqlite => database.Provider == DatabaseProvider.Sqlite;

    public async Task<UserRecord?> FindAsync(string username, CancellationToken cancellationToken = default) =>
        (await QueryUsersAsync("WHERE username = @username", [("username", username)], cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        QueryUsersAsync("ORDER BY role, department_id, username", [], cancellationToken);

    /// <summary>Active users of a role (and department), by name.</summary>
    public async Task<IReadOnlyList<string>> UsernamesAsync(string role, string? department = null, CancellationToken cancellationToken = default)
    {
        var users = await QueryUsersAsync(
            department is null ? "WHERE role = @role ORDER BY username" : "WHERE role = @role AND department_id = @department ORDER BY username",
            department is null ? [("role", role)] : [("role", role), ("department", department)],
            cancellationToken);
        return [.. users.Where(u => u.Active).Select(u => u.Username)];
    }

    /// <summary>Adds a user; <see langword="false"/> when the name is taken.</summary>
    public async Task<bool> CreateAsync(UserRecord user, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var sql = """
            INSERT INTO window_users (username, display_name, role, department_id, password_hash, failed_attempts, active, created_at)
            VALUES (@username, @display, @role, @department, @hash, 0, @active, @now)
            ON CONFLICT (username) DO NOTHING
            """;
        return await ExecuteAsync(sql, [("username", user.Username), ("display", user.DisplayName), ("role", user.Role), ("department", user.Department),
            ("hash", user.PasswordHash), ("active", Bool(user.Active)), ("now", Time(now))], cancellationToken) == 1;
    }

    /// <summary>
    /// Replaces a user's profile (and password hash when given); <see langword="false"/> when there is no such user.
    /// A new password, role, department or active flag also renews the security stamp, in the same statement, so
    /// that no caller can change what a session may do without ending the sessions.
    /// </summary>
    public async Task<bool> UpdateAsync(UserRecord user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var sql = """
            UPDATE window_users
            SET security_stamp = CASE
                    WHEN role <> @role OR COALESCE(department_id, '') <> COALESCE(@department, '') OR password_hash <> @hash OR active <> @active
                    THEN @stamp ELSE security_stamp END,
                display_name = @display, role = @role, department_id = @department, password_hash = @hash, active = @active,
                failed_attempts = @failed, locked_until = @locked
            WHERE username = @username
            """;
        return await ExecuteAsync(sql, [("username", user.Username), ("display", user.DisplayName), ("role", user.Role), ("department", user.Department),
            ("hash", user.PasswordHash), ("active", Bool(user.Active)), ("failed", user.FailedAttempts), ("locked", user.LockedUntil is { } at ? Time(at) : null),
            ("stamp", NewStamp())],
            cancellationToken) == 1;
    }

    /// <summary>Counts a failed sign-in; the <paramref name="limit"/>th in a row locks the account until <paramref name="lockedUntil"/>.</summary>
    public Task RecordFailureAsync(string username, int limit, DateTimeOffset lockedUntil, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            UPDATE window_users
            SET failed_attempts = failed_attempts + 1,
                locked_until = CASE WHEN failed_attempts + 1 >= @limit THEN @until ELSE locked_until END
            WHERE username = @username
            """,
            [("username", username), ("limit", limit), ("until", Time(lockedUntil))],
            cancellationToken);

    /// <summary>A successful sign-in clears the failure count and any lock.</summary>
    public Task RecordSuccessAsync(string username, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE window_users SET failed_attempts = 0, locked_until = NULL WHERE username = @username", [("username", username)], cancellationToken);

    public async Task<IReadOnlyList<DepartmentRecord>> DepartmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT department_id, name_zh, name_en, active FROM window_departments ORDER BY department_id", []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var departments = new List<DepartmentRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            departments.Add(new DepartmentRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), ReadBool(reader, 3)));
        }

        return departments;
    }

    /// <summary>Adds or renames a department.</summary>
    public Task UpsertDepartmentAsync(DepartmentRecord department, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(department);
        return ExecuteAsync(
            """
            INSERT INTO window_departments (department_id, name_zh, name_en, active) VALUES (@id, @zh, @en, @active)
            ON CONFLICT (department_id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, active = excluded.active
            """,
            [("id", department.Id), ("zh", department.NameZh), ("en", department.NameEn), ("active", Bool(department.Active))],
            cancellationToken);
    }

    /// <summary>Adds the departments that are missing, leaving administrators' edits of existing ones alone.</summary>
    public async Task EnsureDepartmentsAsync(IEnumerable<DepartmentRecord> departments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(departments);
        foreach (var department in departments)
        {
            await ExecuteAsync(
                "INSERT INTO window_departments (department_id, name_zh, name_en, active) VALUES (@id, @zh, @en, @active) ON CONFLICT (department_id) DO NOTHING",
                [("id", department.Id), ("zh", department.NameZh), ("en", department.NameEn), ("active", Bool(department.Active))],
                cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> DataProtectionKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT xml FROM window_dataprotection_keys ORDER BY created, name", []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public Task StoreDataProtectionKeyAsync(string name, string xml, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExecuteAsync("INSERT INTO window_dataprotection_keys (name, xml, created) VALUES (@name, @xml, @now) ON CONFLICT (name) DO NOTHING",
            [("name", name), ("xml", xml), ("now", Time(now))], cancellationToken);

    private async Task<IReadOnlyList<UserRecord>> QueryUsersAsync(string where, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            $"SELECT username, display_name, role, department_id, password_hash, failed_attempts, locked_until, active FROM window_users {where}", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<UserRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new UserRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                reader.IsDBNull(6) ? null : ReadTime(reader, 6),
                ReadBool(reader, 7)));
        }

        return users;
    }

    private async Task<int> ExecuteAsync(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private object Bool(bool value) => Sqlite ? (value ? 1 : 0) : value;

    private object Time(DateTimeOffset value) =>
        Sqlite ? value.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture) : value.ToUniversalTime();

    private static bool ReadBool(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        bool flag => flag,
        var number => Convert.ToInt64(number, CultureInfo.InvariantCulture) != 0,
    };

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        var text => DateTimeOffset.Parse((string)text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
    };
}

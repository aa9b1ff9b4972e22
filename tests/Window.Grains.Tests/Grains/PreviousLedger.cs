namespace Window.Grains.Tests.Grains;

/// <summary>
/// A case state as main at 13a455e stored it, before the newest replay record stopped storing its view: the bytes Orleans'
/// grain-storage serializer wrote (the host's writes the same), made by driving that build's grain in the bytes cluster (see
/// <see cref="when_a_retry_is_answered_from_the_state"/> for what the case holds).
/// </summary>
internal static class PreviousLedger
{
    public const string State =
        "IOhAHVJDLTIwMjYtMDAwMDAxQRE3M0Q3NEtIWEERdGFsZW50LTFBAUEDRUERb2ZmaWNlcjJBASEgAAUh6AAVIYAAZJfOhH7eCIEA"
        + "QCMOQwAAAOBBEW9mZmljZXIyQQ9vZmZpY2VywQFBC3Zpc2l0wQHBAUEN5ZKo6K+iwQHBAeAg6AAZIYAAwmeBhX7eCIEAQCMOQwAA"
        + "AOBBD2RvY3RvcjFBFWRlcGFydG1lbnRBDWhlYWx0aEEbc3RlcC1yZWxlYXNlZEEfbWVkaWNhbC1jaGVja3VwQSdjaGVja3VwLWFy"
        + "cmFuZ2VtZW50wQHBAcEB4ODgISABB0EjZG9jdG9yMTpyZWxlYXNlLTMg6EAdaGFzaC1yZWxlYXNlLTMh6AgDAcEBwQHBASk14MEB"
        + "AQHgIYAAwmeBhX7eCIEAQCMOQwAAAOBBFgmDrgEAgKqqqupfBQICICIdIgD8nJCQbhCQEOAAqZZm7uEZV1PwTIh0SAdIgIhLAHh6"
        + "QmiYibsrhJmapaqaeVgGQII5eOYhzwl5y1OeMiHvCXnJg54SIPOShzw72CUB/JCXgATIl1d19zfV1v0/cxgOwwBzDIcJTggHummO"
        + "U9CBts67a62De5nCQqS5pjFGU1TU7/KDXg/ZreM+7Xid+9TzPM/zWfOw++Dw4PGjU7adZihZ0/AYpaE+A7bx0AJrppOJCFF1nIp8"
        + "/D9bvlxtLUiwt9snhNT8YtAgTkXIeLh4tdpakGBvt08IqVljqhClD3+v3+urk1IbTNx+GscYGpFK7R6hRCVCdyi0OfNHo7mQUTp3"
        + "Q66RCoMJLQTO3cIfj8mGsw5uJxiJkMc0nGF4kWewaRsWLNS1D+f+7/2rk1IbTNx+Ouaza4MZsx4xmxuOoy3lSnE5xQSlsZTtP8kF"
        + "25khj82M7WweCpyzhkIelc7W5OxUJBhevq1WmxzJqQj58uHpos7c3rEQoWj3agsA37tgmOLNr2d/lvyXEm5QCR6bHrHprIO2cDpD"
        + "n+eojUil5EIha2YqLUSEkYW6tQ5uigilEaakIVeRzS3UNWxbfWjQdAT+z/m6hCkE3E2dxaBBAHz49tm8+KlaLgZJkht+HqObPWso"
        + "9EFIGS8NSi1SCerdZi9brbq24MONT6vX5THy6ImMy7bQGUiDasJD7KcRhmf+aDS/OKrTAlWUI9V5lsWfjA238MfjGgDaTkUqff3j"
        + "nT0WFizUA8EB4EAhb2ZmaWNlcjI6dmlzaXQtMiDoQBloYXNoLXZpc2l0LTIh6AgDAcEBwQHBAck1Z8EBAQHgIYAAZJfOhH7eCIEA"
        + "QCMOQwAAAOBBTwAAggMID2NsYWltZWSIAz4JQQ9kb2N0b3IxyAOhAQEN6gT0AQAAAMFX4EAfZG9jdG9yMTpjbGFpbS0xIOhAGWhh"
        + "c2gtY2xhaW0tMSHoCAMBwQHBAcEByTVnwQEBAeAhgAAGxxuEft4IgQBAIw5DAAAA4EElAADqBAEF6wQHAQnzBPQBAAAAwXfg4MEB"
        + "4AERQQlvcGVuwQEBCcEBISDgwQHgIehAE2hhc2gtb3BlbiHoCAMFwQHBAcEByTVnwQEBAeAhgACo9miDft4IgQBAIw5DAAAA4EEW"
        + "CYOuAQCAqqqq6l8FAhwgMh0iAPyckJBuEJAQ4ACplmbu4RlXU/BMiHRIB0iAiEsCeHpCaJiJuyuEmZqlqpp5WAZAgjl45iHPCXnL"
        + "U54yIe8JecmDnhIg85KHPDvYJQH8kJeABMiXV3X3N9XW/T9zGA7DAHMMhwlOCAe6aY5T0IG2zrtrb4K7mcJCpLmmMUYzVNTv8YN+"
        + "H9nN4wHtet171PM8z/NZ67B3//Dg0cMn7FqaoWQtw2OUhvoM2NYDC6yVTqciRNV1KvLx/3z1cr29JMHe7oAQUvPzYZM4FSGT0fLV"
        + "entJgr3dASGkZs2ZQpQ+/L16ry9PSm0wcQdpHGNoRCq1e4QSlQjdkdDm1B+PF0JG6cINuUYqDCa0ELhwC38yIVvOJriVYCRCHtNw"
        + "juF5nkHDNi1YqGsfzvzf+5cnpTaYuIN0zGfXBjNmPWI2NxxHW8qV4nKGCUpjKdt/kgu2M0cemznb2TwUuGBNhTwqna3J2alIMLp4"
        + "W603OZJTEfLlw9Nlnbm9bSFC0enXFgC+98AwxZtfz/6s+C8l3KASPDY9ouFsgo5wOkOf56iNSKXkQiFrZSotRISRhbq9CW6ICKUR"
        + "pqQhV5HNLdQ1NKw+NGg4Av/nfF3BFALuZs5y2CQAPnz7bF78VC0XwyTJDT+L0c2eNRL6IKSMFwalFqkE9U6zl612XVvw4fqn9evy"
        + "GHn0WMZlW+gMpUE15SEO0gjDU388Xlwc1WmBKsqR6jzL4k/Ghlv4k0kNAB2nIpW++vHOHgsLFuoBwQHgQRVkZXNrMTpvcGVuYWtJ"
        + "CwAhIDABMSzULh1TdHJpbmdDb21wYXJlcgADAQHgAQVBR21lZGljYWwtY2hlY2t1cC5jaGVja3VwLWFycmFuZ2VtZW50QAtncmVl"
        + "bkAJY2FzZcD54MEB4MEBQc4MeyJjYXNlSWQiOiJwcmV2aW91cy1sZWRnZXItMTNhNDU1ZSIsInN0YXR1cyI6Ik9wZW4iLCJhY2Nl"
        + "cHRlZEF0IjoiMjAyNi0wMy0xMFQwOTowMDowMCswODowMCIsImRhdGEiOnsidGllciI6IkUifSwibWF0ZXJpYWxzIjpbeyJpZCI6"
        + "ImhlYWx0aC1xdWVzdGlvbm5haXJlIiwic3RhdHVzIjoiUHJvdmlkZWQifSx7ImlkIjoiaWRlbnRpdHktY2FyZCIsInN0YXR1cyI6"
        + "IlByb3ZpZGVkIn1dLCJpdGVtcyI6W3siaXRlbUlkIjoibWVkaWNhbC1jaGVja3VwIiwidmVyc2lvbiI6MSwic3RhdHVzIjoiT3Bl"
        + "biIsInN0ZXBzIjpbeyJpZCI6ImNoZWNrdXAtYXJyYW5nZW1lbnQiLCJzdGF0dXMiOiJSZWFkeSIsInJlYWR5QXQiOiIyMDI2LTAz"
        + "LTEwVDA5OjAwOjAwKzA4OjAwIiwicmV0dXJuZWRGb3IiOltdLCJjbG9jayI6eyJzdGFydGVkQXQiOiIyMDI2LTAzLTEwVDA5OjAw"
        + "OjAwKzA4OjAwIiwibGltaXREYXlzIjozLCJ3YXJuaW5nIjp7ImRheXNMZWZ0IjoxfSwicGF1c2VzIjpbXSwiaXNQYXVzZWQiOmZh"
        + "bHNlLCJpc1N0b3BwZWQiOmZhbHNlfX1dLCJjbG9jayI6eyJzdGFydGVkQXQiOiIyMDI2LTAzLTEwVDA5OjAwOjAwKzA4OjAwIiwi"
        + "bGltaXREYXlzIjo1LCJ3YXJuaW5nIjp7ImRheXNMZWZ0IjoxfSwicGF1c2VzIjpbXSwiaXNQYXVzZWQiOmZhbHNlLCJpc1N0b3Bw"
        + "ZWQiOmZhbHNlfX1dLCJjbG9jayI6eyJzdGFydGVkQXQiOiIyMDI2LTAzLTEwVDA5OjAwOjAwKzA4OjAwIiwibGltaXREYXlzIjo1"
        + "LCJ3YXJuaW5nIjp7ImRheXNMZWZ0IjoxfSwicGF1c2VzIjpbXSwiaXNQYXVzZWQiOmZhbHNlLCJpc1N0b3BwZWQiOmZhbHNlfSwi"
        + "am91cm5hbCI6W119QSFCN0Q1RTlFMDcwMTU5MjlFwVch6CAg4MEB4MEWAsEBISDgwQHg4McjAcEBwQHg";
}

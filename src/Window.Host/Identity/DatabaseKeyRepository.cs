using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Window.Storage.Identity;

namespace Window.Host.Identity;

/// <summary>
/// The data-protection key ring in Window's database, so every host of a cluster reads every other host's
/// sign-in cookies and anti-forgery tokens (and the embedded host keeps them across restarts).
/// </summary>
internal sealed class DatabaseKeyRepository(UserStore store, TimeProvider time) : IXmlRepository
{
    // The interface is synchronous; it is called rarely (key ring refresh, about once a day).
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store.DataProtectionKeysAsync().GetAwaiter().GetResult().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName) =>
        store.StoreDataProtectionKeyAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), time.GetUtcNow()).GetAwaiter().GetResult();
}

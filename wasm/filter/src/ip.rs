//! IP addresses, CIDRs and ranges in one number space.
//!
//! Every address is held as 128 bits, IPv4 as its IPv4-mapped IPv6 form
//! (`::ffff:a.b.c.d`). So an IPv4 client and the same client seen through a
//! dual-stack socket (`::ffff:1.2.3.4`) are one address for `==`, for
//! ordering and for `in {10.0.0.0/8}` alike, and an IPv4 CIDR is just an
//! IPv6 CIDR 96 bits longer. IPv6 sets stay IPv6: `::/0` holds every IPv6
//! client but no IPv4 one (`family_intervals`).

use std::cmp::Ordering;
use std::net::IpAddr;

/// The IPv4-mapped prefix `::ffff:0:0/96`, shifted down by 32 bits.
const MAPPED_HIGH: u128 = 0xffff;

/// An IP address, canonical: IPv4 and IPv4-mapped IPv6 are the same value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ip(pub(crate) u128);

impl Ip {
    /// Parses an IPv4 or IPv6 address (no zone, no brackets, no port).
    pub(crate) fn parse(s: &str) -> Option<Ip> {
        s.parse::<IpAddr>().ok().map(Ip::from_addr)
    }

    fn from_addr(addr: IpAddr) -> Ip {
        match addr {
            IpAddr::V4(v4) => Ip((MAPPED_HIGH << 32) | u128::from(u32::from(v4))),
            IpAddr::V6(v6) => Ip(u128::from(v6)),
        }
    }

    /// IPv4, given as such or IPv4-mapped.
    pub(crate) fn is_v4(self) -> bool {
        self.0 >> 32 == MAPPED_HIGH
    }

    /// Order within one family; `None` across families (`IR.md`: mixed
    /// families compare false).
    pub(crate) fn order(self, other: Ip) -> Option<Ordering> {
        if self.is_v4() == other.is_v4() {
            Some(self.0.cmp(&other.0))
        } else {
            None
        }
    }
}

/// Parses `addr/prefix` into the inclusive interval it covers. Host bits
/// may be set (`10.1.2.3/8` is `10.0.0.0/8`), as wirefilter allows.
pub(crate) fn parse_cidr(s: &str) -> Result<(u128, u128), String> {
    let (addr, prefix) = match s.split_once('/') {
        Some(parts) => parts,
        None => return Err(format!("CIDR {:?} has no /prefix", s)),
    };
    let parsed: IpAddr = addr.parse().map_err(|_| format!("CIDR {:?}: {:?} is not an IP address", s, addr))?;
    let max = if parsed.is_ipv4() { 32 } else { 128 };
    // Digits only: `u32::from_str` would also take a leading `+`.
    let bits: u32 = if !prefix.is_empty() && prefix.len() <= 3 && prefix.bytes().all(|b| b.is_ascii_digit()) {
        prefix.parse().unwrap_or(u32::MAX)
    } else {
        u32::MAX
    };
    if bits > max {
        return Err(format!("CIDR {:?}: the prefix must be 0 to {}", s, max));
    }
    let bits = if parsed.is_ipv4() { bits + 96 } else { bits };
    let base = Ip::from_addr(parsed).0;
    // `bits` is 0..=128 here; a shift by 128 would overflow, hence `checked_shl`.
    let host_mask: u128 = u128::MAX.checked_shr(bits).unwrap_or(0);
    Ok((base & !host_mask, base | host_mask))
}

/// The IPv4 block, as mapped addresses: `::ffff:0.0.0.0` to `::ffff:255.255.255.255`.
const V4_LO: u128 = MAPPED_HIGH << 32;
const V4_HI: u128 = (MAPPED_HIGH << 32) | 0xffff_ffff;

/// An interval of a set, minus the IPv4 block when both its ends are IPv6:
/// an IPv6 CIDR or range (`::/0`, `::/8`) is about IPv6 clients, and IPv4
/// ones belong to IPv4 items. (A CIDR inside `::ffff:0:0/96` has IPv4 ends
/// and is kept: it is an IPv4 CIDR written the long way.)
pub(crate) fn family_intervals(lo: u128, hi: u128) -> Vec<(u128, u128)> {
    let v6 = !Ip(lo).is_v4() && !Ip(hi).is_v4();
    if v6 && lo < V4_LO && hi > V4_HI {
        // `lo < V4_LO` and `hi > V4_HI`, so neither bound wraps.
        vec![(lo, V4_LO - 1), (V4_HI + 1, hi)]
    } else {
        vec![(lo, hi)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapped_is_v4() {
        let a = Ip::parse("1.2.3.4").unwrap_or(Ip(0));
        let b = Ip::parse("::ffff:1.2.3.4").unwrap_or(Ip(1));
        assert_eq!(a, b);
        assert!(a.is_v4());
        assert!(!Ip::parse("::1").map_or(true, Ip::is_v4));
        assert_eq!(a.order(Ip::parse("::1").unwrap_or(a)), None);
    }

    #[test]
    fn cidr_intervals() {
        let v4 = |s: &str| Ip::parse(s).map_or(0, |ip| ip.0);
        assert_eq!(parse_cidr("10.1.2.3/8"), Ok((v4("10.0.0.0"), v4("10.255.255.255"))));
        assert_eq!(parse_cidr("0.0.0.0/0"), Ok((v4("0.0.0.0"), v4("255.255.255.255"))));
        assert_eq!(parse_cidr("::/0"), Ok((0, u128::MAX)));
        assert_eq!(parse_cidr("::1/128"), Ok((1, 1)));
        assert_eq!(parse_cidr("1.2.3.4/32"), Ok((v4("1.2.3.4"), v4("1.2.3.4"))));
        assert_eq!(family_intervals(0, u128::MAX), vec![(0, V4_LO - 1), (V4_HI + 1, u128::MAX)]);
        assert_eq!(family_intervals(V4_LO, V4_HI), vec![(V4_LO, V4_HI)]);
        assert_eq!(family_intervals(1, 2), vec![(1, 2)]);
        for bad in ["1.2.3.4", "1.2.3.4/33", "::/129", "1.2.3.4/+8", "1.2.3.4/", "x/8", "1.2.3.4/0008", "1.2.3.4/8/8"] {
            assert!(parse_cidr(bad).is_err(), "{}", bad);
        }
    }
}

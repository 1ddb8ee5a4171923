//! `@ipMatch 127.0.0.1,::1,10.0.0.0/8`: matches when the value is an
//! address inside one of the listed addresses or CIDR networks.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Parsed `@ipMatch` parameter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IpSet {
    /// (network with host bits cleared, prefix length).
    v4: Vec<(u32, u32)>,
    v6: Vec<(u128, u32)>,
}

impl IpSet {
    /// Parses comma-separated addresses and networks. As in libmodsecurity,
    /// an entry holding `:` is IPv6, empty entries are skipped, and a
    /// malformed entry (spaces included) is an error.
    pub fn parse(param: &str) -> Result<IpSet, String> {
        let mut set = IpSet::default();
        for entry in param.split(',').filter(|e| !e.is_empty()) {
            let err = || format!("@ipMatch: bad address or network {:?}", entry);
            let (addr, prefix) = match entry.split_once('/') {
                Some((a, p)) => {
                    if p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()) {
                        return Err(err());
                    }
                    (a, Some(p.parse::<u32>().map_err(|_| err())?))
                }
                None => (entry, None),
            };
            if entry.contains(':') {
                let ip: Ipv6Addr = addr.parse().map_err(|_| err())?;
                let bits = prefix.unwrap_or(128);
                if bits > 128 {
                    return Err(err());
                }
                set.v6.push((u128::from(ip) & mask128(bits), bits));
            } else {
                let ip: Ipv4Addr = addr.parse().map_err(|_| err())?;
                let bits = prefix.unwrap_or(32);
                if bits > 32 {
                    return Err(err());
                }
                set.v4.push((u32::from(ip) & mask32(bits), bits));
            }
        }
        Ok(set)
    }

    /// True when `addr` parses as an address (IPv6 if it holds `:`) inside
    /// one of the networks. A value that is not an address never matches;
    /// an IPv4-mapped IPv6 address is not an IPv4 address here either.
    pub fn contains(&self, addr: &str) -> bool {
        if addr.contains(':') {
            match addr.parse::<Ipv6Addr>() {
                Ok(ip) => {
                    let ip = u128::from(ip);
                    self.v6.iter().any(|&(net, bits)| ip & mask128(bits) == net)
                }
                Err(_) => false,
            }
        } else {
            match addr.parse::<Ipv4Addr>() {
                Ok(ip) => {
                    let ip = u32::from(ip);
                    self.v4.iter().any(|&(net, bits)| ip & mask32(bits) == net)
                }
                Err(_) => false,
            }
        }
    }
}

fn mask32(bits: u32) -> u32 {
    u32::MAX.checked_shl(32 - bits).unwrap_or(0)
}

fn mask128(bits: u32) -> u128 {
    u128::MAX.checked_shl(128 - bits).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crs_parameter() {
        let s = IpSet::parse("127.0.0.1,::1").unwrap();
        assert!(s.contains("127.0.0.1"));
        assert!(s.contains("::1"));
        assert!(s.contains("0:0:0:0:0:0:0:1"));
        assert!(!s.contains("127.0.0.2"));
        assert!(!s.contains("::ffff:127.0.0.1"));
        assert!(!s.contains("localhost"));
        assert!(!s.contains(""));
        assert!(!s.contains("127.0.0.1 "));
    }

    #[test]
    fn networks() {
        let s = IpSet::parse("10.1.2.3/8,192.168.0.0/16,0.0.0.0/0,fe80::/10,,").unwrap();
        assert!(s.contains("10.255.0.1"));
        assert!(s.contains("8.8.8.8"));
        assert!(s.contains("fe80::1"));
        assert!(!s.contains("fec0::1"));
        let s = IpSet::parse("192.168.0.0/16").unwrap();
        assert!(s.contains("192.168.7.7"));
        assert!(!s.contains("192.169.0.1"));
        assert!(IpSet::parse("::/0").unwrap().contains("2001:db8::1"));
    }

    #[test]
    fn bad_parameters_are_errors() {
        for bad in [
            "1.2.3",
            "1.2.3.4/33",
            "::1/129",
            "1.2.3.4/",
            " 1.2.3.4",
            "1.2.3.4/-1",
            "x",
        ] {
            assert!(IpSet::parse(bad).is_err(), "{:?}", bad);
        }
    }
}

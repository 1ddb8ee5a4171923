//! Overlaps between kinds: the earlier list in priority order wins.

use crate::Entity;

/// Merges per-kind lists (each sorted by start) into one list sorted by
/// start without overlaps; an entity overlapping one of an earlier list, or
/// an earlier entity of its own list, is dropped. Linear in the entities.
pub(crate) fn merge_by_priority(lists: &[Vec<Entity>]) -> Vec<Entity> {
    let mut kept: Vec<Entity> = Vec::new();
    for list in lists {
        let mut accepted: Vec<Entity> = Vec::new();
        let mut k = 0;
        for &e in list {
            if e.start >= e.end {
                continue;
            }
            while kept.get(k).map_or(false, |x| x.end <= e.start) {
                k += 1;
            }
            let clashes_kept = kept.get(k).map_or(false, |x| x.start < e.end);
            let clashes_own = accepted.last().map_or(false, |x| x.end > e.start);
            if !clashes_kept && !clashes_own {
                accepted.push(e);
            }
        }
        kept = merge_sorted(kept, accepted);
    }
    kept
}

fn merge_sorted(a: Vec<Entity>, b: Vec<Entity>) -> Vec<Entity> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut a = a.into_iter().peekable();
    let mut b = b.into_iter().peekable();
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.start <= y.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_a { a.next() } else { b.next() };
        out.extend(next);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EntityKind::{CreditCardNumber as C, Email as E, PhoneNumber as P};

    fn e(kind: crate::EntityKind, start: usize, end: usize) -> Entity {
        Entity { kind, start, end }
    }

    #[test]
    fn earlier_lists_win_and_order_is_kept() {
        let got = merge_by_priority(&[
            vec![e(E, 10, 20)],
            vec![e(C, 0, 5), e(C, 15, 25), e(C, 30, 40)],
            vec![e(P, 4, 8), e(P, 6, 9), e(P, 41, 45)],
        ]);
        assert_eq!(got, vec![e(C, 0, 5), e(P, 6, 9), e(E, 10, 20), e(C, 30, 40), e(P, 41, 45)]);
    }
}

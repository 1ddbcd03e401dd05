-- Dedup by diff: entries whose diffs have the same `git patch-id
-- --stable` are repeats (a resent or re-versioned patch that did not
-- change). Entries without a diff (cover letters) are never repeats.
return function(options)
  return function(entry, message)
    local patch = message.patch
    return patch and patch.patch_id
  end
end

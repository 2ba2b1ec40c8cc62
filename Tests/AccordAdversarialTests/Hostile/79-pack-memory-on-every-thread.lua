-- hostile: a pack whose rule holds 40 MB in each of classify's Lua states, under 64 MiB for the command
-- exit: 1
-- stderr: memory limit (67108864 bytes) exceeded
-- command: classify --threads 2
-- pack: hostile
-- flags: --timeout 20s
local R = accord.rules
local kept
return R.pack {
  name = "hostile", version = "1.0.0", labels = { x = "X" },
  rules = {
    R.rule { id = "hoard", label = "x", when = function()
      if not kept then
        kept = {}
        for i = 1, 4000 do kept[i] = string.rep("x", 10000) .. i end
      end
      return false
    end },
  },
}

"""Language models behind one small protocol: Claude online, rules offline.

`base.LLM` is what pipelines call; `claude.ClaudeLLM` speaks the Anthropic
Messages API; `cost` estimates what a run will cost before it starts.
"""

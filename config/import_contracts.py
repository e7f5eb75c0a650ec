"""An import-linter contract of the project's own: no import cycle between modules.

import-linter's `acyclic_siblings` compares whole packages, which is too coarse for a
Django app (the case's model and its transition guards sit side by side in `reviews`).
This contract looks at modules: no module may reach itself by following imports. Imports
inside functions count too, so a cycle cannot be hidden by moving an import into a
function. Used by `[tool.importlinter]` in pyproject.toml (`make lint` runs it).
"""

from importlinter import Contract, ContractCheck, fields, output


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    containers = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose):
        modules = sorted(
            module
            for container in self.containers
            for module in graph.find_descendants(container) | {container}
        )
        inside = set(modules)
        cycles = strongly_connected(
            modules, lambda module: graph.find_modules_directly_imported_by(module) & inside
        )
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check):
        for cycle in check.metadata["cycles"]:
            output.print_error("These modules import each other in a cycle:")
            output.new_line()
            for module in cycle:
                output.indent_cursor()
                output.print_error(module, bold=False)
            output.new_line()


def strongly_connected(nodes, successors):
    """The groups of two or more nodes that reach one another (Tarjan's algorithm,
    iterative so that a long chain of imports cannot exhaust the stack)."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(successors(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(successors(child)))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups

package client

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

const (
	// phostPageLimit is the Limit asked for each page.
	phostPageLimit = 100
	// phostPagesInFlight bounds the pages fetched at once after the first.
	phostPagesInFlight = 4
)

// listingMovedError reports that one read of a listing was inconsistent.
type listingMovedError struct{ detail string }

func (e *listingMovedError) Error() string { return e.detail }

// ListPHostImages reads every page of DescribePHostImage for req (its Offset
// and Limit are ignored) and returns the images in API order, de-duplicated
// by ImageID. Pages after the first are fetched concurrently. If the listing
// changes while it is read, it is read once more from scratch; if it still
// disagrees the error wraps ErrListingChanged.
func (c *Client) ListPHostImages(ctx context.Context, req DescribePHostImageRequest) ([]PHostImage, error) {
	images, err := c.listPHostImages(ctx, req)
	var moved *listingMovedError
	if !errors.As(err, &moved) {
		return images, err
	}
	c.log.Debug(ctx, "bare-metal image listing changed while it was read; reading it again", map[string]any{
		"ucloud_action": ActionDescribePHostImage, "reason": moved.detail,
	})
	images, err = c.listPHostImages(ctx, req)
	if errors.As(err, &moved) {
		return nil, fmt.Errorf("%w, twice in a row (%s); try again when the images have settled", ErrListingChanged, moved.detail)
	}
	return images, err
}

// listPHostImages makes one complete read of the listing.
func (c *Client) listPHostImages(ctx context.Context, req DescribePHostImageRequest) ([]PHostImage, error) {
	page := func(ctx context.Context, offset, limit int) (*DescribePHostImageResponse, error) {
		r := req
		r.Offset, r.Limit = offset, limit
		return c.describePHostImage(ctx, &r)
	}

	first, err := page(ctx, 0, phostPageLimit)
	if err != nil {
		return nil, err
	}
	total, pageSize := first.TotalCount, len(first.ImageSet)
	if total == 0 && pageSize > 0 {
		// NOTE: TotalCount is optional in the API; without it, page on
		// until an empty page.
		return c.listWithoutTotal(ctx, first.ImageSet, page)
	}
	if pageSize == 0 && total > 0 {
		return nil, &listingMovedError{detail: fmt.Sprintf("the first page was empty but TotalCount was %d", total)}
	}

	// The server may cap the page size below Limit, so the remaining
	// ranges are cut to the size it actually returned.
	var starts []int
	for start := pageSize; start < total; start += pageSize {
		starts = append(starts, start)
	}
	ranges := make([][]PHostImage, len(starts))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(phostPagesInFlight)
	for i, start := range starts {
		end := min(start+pageSize, total)
		g.Go(func() error {
			images, err := fillRange(gctx, page, start, end, total)
			ranges[i] = images
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}

	images := dedupeByImageID(first.ImageSet, ranges...)
	if len(images) != total {
		return nil, &listingMovedError{detail: fmt.Sprintf("TotalCount was %d but %d distinct images were read", total, len(images))}
	}
	c.log.Debug(ctx, "bare-metal image listing read", map[string]any{
		"ucloud_action": ActionDescribePHostImage, "total_count": total, "pages": len(starts) + 1,
	})
	return images, nil
}

// pageFunc fetches the page of at most limit images from offset.
type pageFunc func(ctx context.Context, offset, limit int) (*DescribePHostImageResponse, error)

// fillRange reads images [start, end), advancing by what each answer really
// held; images past end (another range's) are dropped. A TotalCount other than total, or an empty page before end, means
// the listing moved.
func fillRange(ctx context.Context, page pageFunc, start, end, total int) ([]PHostImage, error) {
	images := make([]PHostImage, 0, end-start)
	for offset := start; offset < end; {
		resp, err := page(ctx, offset, phostPageLimit)
		if err != nil {
			return nil, err
		}
		if resp.TotalCount != total {
			return nil, &listingMovedError{detail: fmt.Sprintf("TotalCount moved from %d to %d", total, resp.TotalCount)}
		}
		if len(resp.ImageSet) == 0 {
			return nil, &listingMovedError{detail: fmt.Sprintf("no images at offset %d of %d", offset, total)}
		}
		got := resp.ImageSet[:min(len(resp.ImageSet), end-offset)]
		images = append(images, got...)
		offset += len(got)
	}
	return images, nil
}

// listWithoutTotal pages sequentially until an empty page, for answers
// that carry no TotalCount. A page with no image not seen before also ends
// the listing, so a server that ignores Offset cannot loop forever.
func (c *Client) listWithoutTotal(ctx context.Context, first []PHostImage, page pageFunc) ([]PHostImage, error) {
	images := dedupeByImageID(first)
	for offset := len(first); ; {
		resp, err := page(ctx, offset, phostPageLimit)
		if err != nil {
			return nil, err
		}
		before := len(images)
		images = dedupeByImageID(images, resp.ImageSet)
		if len(images) == before {
			return images, nil
		}
		offset += len(resp.ImageSet)
	}
}

// dedupeByImageID concatenates the pages, keeping the first occurrence of
// each ImageID (images without an ID are all kept).
func dedupeByImageID(first []PHostImage, rest ...[]PHostImage) []PHostImage {
	n := len(first)
	for _, r := range rest {
		n += len(r)
	}
	out := make([]PHostImage, 0, n)
	seen := make(map[string]struct{}, n)
	for _, images := range append([][]PHostImage{first}, rest...) {
		for _, img := range images {
			if img.ImageID != "" {
				if _, dup := seen[img.ImageID]; dup {
					continue
				}
				seen[img.ImageID] = struct{}{}
			}
			out = append(out, img)
		}
	}
	return out
}
